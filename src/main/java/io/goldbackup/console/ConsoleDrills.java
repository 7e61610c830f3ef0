package io.goldbackup.console;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.goldbackup.drill.Drill;
import io.goldbackup.drill.DrillLog;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;

/**
 * The console's page of restore drills: each drill with its invariants, and its measured recovery time against the
 * objective. Read-only (drills are run through the API, the schedule or the one-shot job), so it loads no script.
 */
@Path("/console/drills")
@Produces(MediaType.TEXT_HTML)
public class ConsoleDrills {

    private static final int PAGE_SIZE = 25;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance drills(ConsoleUser user, List<Drill> drills, String objective, Long before,
                Long nextBefore);
    }

    private final CurrentActor actor;
    private final DrillLog drills;

    ConsoleDrills(CurrentActor actor, DrillLog drills) {
        this.actor = actor;
        this.drills = drills;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public TemplateInstance drills(@QueryParam("before") String before) {
        Long cursor = before == null || before.isBlank() ? null : Params.id("before", before);
        List<Drill> page = drills.list(PAGE_SIZE, cursor);
        Long next = page.size() == PAGE_SIZE ? page.get(page.size() - 1).id() : null;
        return Templates.drills(ConsoleUser.of(actor.get()), page, words(drills.recoveryObjective()), cursor, next);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return page(403, "Not allowed", "Your role does not include this page. Ask an admin for the role it needs.");
    }

    @ServerExceptionMapper
    Response invalid(InvalidInputException e) {
        return page(400, "Invalid request", e.getMessage());
    }

    private Response page(int status, String title, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(ConsolePages.Templates.error(ConsoleUser.of(actor.get()), status, title, detail)).build();
    }

    /** {@code 1 h}, {@code 45 min}, {@code 90 s}: the objective as people write it. */
    static String words(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
