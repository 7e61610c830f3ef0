package io.goldbackup.drill;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;
import io.goldbackup.web.RespondAsync;
import io.quarkus.security.Authenticated;

/** Restore drills: run one, and the drill log. */
@Path("/api/v1/drills")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Restore drills")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role the operation needs")
public class DrillResource {

    private final DrillService service;
    private final CurrentActor actor;

    DrillResource(DrillService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Run a restore drill now: restore a completed backup (default the newest) into scratch tables "
            + "and check it (role backup-operator)", description = "source database (default) restores the backup's "
                    + "rows; source offsite with a target restores its off-site copy. Answers when the drill has ended, "
                    + "with status passed or failed and each invariant; the game's tables are never touched.")
    @APIResponse(responseCode = "201", description = "The drill as it ended (passed or failed), with Location")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the drill is registered (status running); "
            + "Location names it (/api/v1/drills/{id}), which shows how it ended")
    @APIResponse(responseCode = "400", description = "source or target invalid; nothing ran")
    @APIResponse(responseCode = "404", description = "No such backup")
    @APIResponse(responseCode = "409", description = "The backup is not completed, or there is no completed backup")
    public Response run(@Valid DrillRequest request,
            @Parameter(description = "respond-async: answer 202 when the drill is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        if (RespondAsync.requested(prefer)) {
            Drill started = service.start(request, actor.get());
            return RespondAsync.accepted(uri, "api/v1/drills/{id}", started, started.id());
        }
        Drill drill = service.run(request, actor.get());
        URI location = uri.getBaseUriBuilder().path("api/v1/drills/{id}").build(drill.id());
        return Response.created(location).entity(drill).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The drill log, newest first; page with before=<id of the last drill> (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "A JSON array of drills")
    @APIResponse(responseCode = "400", description = "limit or before out of range")
    public List<Drill> list(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        return service.list(Params.intInRange("limit", limit, 50, 1, 500),
                before == null ? null : Params.id("before", before));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One drill, with each invariant; status running while it works (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "The drill")
    @APIResponse(responseCode = "404", description = "No such drill")
    public Drill drill(@PathParam("id") String id) {
        return service.drill(Params.id("id", id));
    }
}
