package io.goldbackup.console;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.goldbackup.audit.AuditEvent;
import io.goldbackup.audit.AuditExport;
import io.goldbackup.audit.AuditFilter;
import io.goldbackup.audit.AuditQuery;
import io.goldbackup.audit.AuditResource;
import io.goldbackup.audit.AuditTrail;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;

/**
 * The console's audit trail: the events filtered by person, action, outcome, target and time (a plain GET form, so
 * it works without a script), 50 a page, and the filtered events exported as CSV or JSON, streamed as the API's
 * export streams them. A wrong filter on the page is shown next to the form; on the export it is the API's 400
 * problem naming the parameter.
 */
@Path("/console/audit")
public class ConsoleAudit {

    private static final int PAGE_SIZE = 50;

    /** The actions the trail records, offered as suggestions for the action filter. */
    static final List<String> ACTIONS = List.of("backup.create", "backup.verify", "backup.delete", "backup.copy",
            "backup.marked-corrupt", "backup.marked-completed", "restore.dry-run", "restore.apply",
            "cleanup.dry-run", "cleanup.apply", "drill.run", "offsite.import", "job.daily-backup",
            "job.weekly-cleanup");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audit(ConsoleUser user, List<AuditEvent> events, Long nextBefore,
                AuditQuery query, String filterLinks, String problem, List<String> actions, List<String> outcomes);
    }

    private final CurrentActor actor;
    private final AuditTrail audit;

    ConsoleAudit(CurrentActor actor, AuditTrail audit) {
        this.actor = actor;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public Response page(@QueryParam("before") String before, @BeanParam AuditQuery query) {
        ConsoleUser user = ConsoleUser.of(actor.get());
        try {
            AuditFilter filter = query.filter();
            Long cursor = before == null || before.isBlank() ? null : Params.id("before", before);
            List<AuditEvent> events = audit.list(filter, PAGE_SIZE, cursor);
            Long next = events.size() == PAGE_SIZE ? events.get(events.size() - 1).id() : null;
            return Response.ok(Templates.audit(user, events, next, query, filter.queryString(), null, ACTIONS,
                    AuditFilter.OUTCOMES)).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.audit(user, List.of(), null, query, "", e.getMessage(),
                    ACTIONS, AuditFilter.OUTCOMES)).build();
        }
    }

    /** The filtered events as a CSV or JSON attachment, streamed; a wrong parameter is a 400 problem naming it. */
    @GET
    @Path("/export")
    // Any Accept: the format parameter chooses (a browser's download link asks for HTML first).
    @Produces("*/*")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public Response export(@QueryParam("format") String format, @BeanParam AuditQuery query) {
        return AuditResource.export(audit, AuditExport.fromWire("format", format), query.filter());
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(ConsolePages.Templates.error(
                ConsoleUser.of(actor.get()), 403, "Not allowed",
                "Your role does not include this page. Ask an admin for the role it needs.")).build();
    }

    /** A parameter's value as the page lists it: lists joined, nested maps as {@code key: value} pairs. */
    static String paramValue(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : String.join(", ", list.stream().map(ConsoleAudit::paramValue).toList());
        }
        if (value instanceof Map<?, ?> map) {
            return String.join("; ", map.entrySet().stream().map(e -> e.getKey() + ": " + paramValue(e.getValue()))
                    .toList());
        }
        return value.toString();
    }
}
