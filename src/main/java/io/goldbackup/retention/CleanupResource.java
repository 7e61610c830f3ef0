package io.goldbackup.retention;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import io.goldbackup.web.RespondAsync;
import io.quarkus.security.Authenticated;

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
    private final CurrentActor actor;

    CleanupResource(CleanupService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "List (dryRun true, role backup-operator) or delete (dryRun false, role backup-admin, "
            + "confirmationCode " + CleanupService.CONFIRMATION_CODE + ") the backups past retention, or older than "
            + "daysToKeep")
    @APIResponse(responseCode = "200", description = "The report: backups, wallet rows and bytes")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the cleanup run is registered (status "
            + "running); Location names it (/api/v1/cleanups/{id}), with the report once completed")
    @APIResponse(responseCode = "400", description = "dryRun missing, daysToKeep out of range, or a real cleanup "
            + "without its confirmationCode; nothing changed")
    @APIResponse(responseCode = "409", description = "Another cleanup is running")
    public Response cleanup(@Valid @NotNull(message = "is required") CleanupRequest request,
            @Parameter(description = "respond-async: answer 202 when the cleanup run is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        Optional<Integer> daysToKeep = Optional.ofNullable(request.daysToKeep());
        if (RespondAsync.requested(prefer)) {
            long id = service.start(daysToKeep, request.dryRun(), request.confirmationCode(), actor.get());
            return RespondAsync.accepted(uri, "api/v1/cleanups/{id}", service.run(id), id);
        }
        return Response.ok(service.cleanup(daysToKeep, request.dryRun(), request.confirmationCode(), actor.get()))
                .build();
    }
}
