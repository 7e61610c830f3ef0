package io.goldbackup.health;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.security.Roles;
import io.quarkus.security.Authenticated;

/** The seed's getBackupSystemStats. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Statistics")
@SecurityRequirement(name = "oidc")
public class SystemStatsResource {

    private final SystemStatsService service;

    SystemStatsResource(SystemStatsService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Backup system statistics and health indicators (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "The statistics")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the role backup-viewer")
    public SystemStats stats() {
        return service.stats();
    }
}
