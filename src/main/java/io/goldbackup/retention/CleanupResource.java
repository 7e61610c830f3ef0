package io.goldbackup.retention;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.audit.AuditTrail;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/** The seed's cleanupOldBackups. */
@Path("/api/v1/cleanup")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Retention")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role the operation needs")
public class CleanupResource {

    private final CleanupService service;
    private final SecurityIdentity identity;
    private final CurrentActor actor;
    private final AuditTrail audit;

    CleanupResource(CleanupService service, SecurityIdentity identity, CurrentActor actor, AuditTrail audit) {
        this.service = service;
        this.identity = identity;
        this.actor = actor;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "List (dryRun true, role backup-operator) or delete (dryRun false, role backup-admin) the "
            + "backups past retention, or older than daysToKeep")
    @APIResponse(responseCode = "200", description = "The report: backups, wallet rows and bytes")
    @APIResponse(responseCode = "400", description = "dryRun missing or daysToKeep out of range")
    @APIResponse(responseCode = "409", description = "Another cleanup is running")
    public CleanupReport cleanup(@Valid @NotNull(message = "is required") CleanupRequest request) {
        return audit.record(actor.get(), request.dryRun() ? "cleanup.dry-run" : "cleanup.apply", "backups",
                AuditTrail.params("daysToKeep", request.daysToKeep(), "dryRun", request.dryRun()), () -> {
                    if (!request.dryRun() && !identity.hasRole(Roles.ADMIN)) {
                        throw new ForbiddenException("deleting backups needs backup-admin");
                    }
                    return service.cleanup(Optional.ofNullable(request.daysToKeep()), request.dryRun());
                });
    }
}
