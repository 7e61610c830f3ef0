package io.goldbackup.retention;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;
import io.quarkus.security.Authenticated;

/** The cleanup log: every cleanup and dry run, with its progress while it runs and its report when done. */
@Path("/api/v1/cleanups")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Retention")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role backup-viewer")
public class CleanupRunResource {

    private final CleanupService service;

    CleanupRunResource(CleanupService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The cleanup log, newest first, without reports (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "A JSON array of runs")
    @APIResponse(responseCode = "400", description = "limit out of range")
    public List<CleanupRun> list(@QueryParam("limit") String limit) {
        return service.list(Params.intInRange("limit", limit, 50, 1, 500));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One cleanup run: status, progress, and its report once completed (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public CleanupRun run(@PathParam("id") String id) {
        return service.run(Params.id("id", id));
    }
}
