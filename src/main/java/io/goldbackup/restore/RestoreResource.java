package io.goldbackup.restore;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.audit.AuditTrail;
import io.goldbackup.security.Actor;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.InvalidInputException;
import io.goldbackup.web.Params;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/** Restores and their dry runs, and the restore log. */
@Path("/api/v1/restores")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Restores")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role the operation needs")
public class RestoreResource {

    private final RestoreService service;
    private final CurrentActor actor;
    private final SecurityIdentity identity;
    private final AuditTrail audit;

    RestoreResource(RestoreService service, CurrentActor actor, SecurityIdentity identity, AuditTrail audit) {
        this.service = service;
        this.actor = actor;
        this.identity = identity;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Preview (dryRun true, role backup-operator) or run (dryRun false, role backup-admin, "
            + "confirmationCode RESTORE_GOLD_BACKUP_CONFIRMED) a restore of all or named wallets", description = "A dry run answers the plan: every change with totals, the largest per-wallet diffs, "
                    + "what is missing or untouched, and a fingerprint. A restore answers the completed run, with "
                    + "safetyBackupId: the emergency backup of the overwritten wallets, which undoes it.")
    @APIResponse(responseCode = "200", description = "The plan (dry run) or the completed run (restore)")
    @APIResponse(responseCode = "400", description = "Invalid body, wallet or confirmation code; nothing changed")
    @APIResponse(responseCode = "404", description = "No such backup")
    @APIResponse(responseCode = "409", description = "The backup is not completed or fails its checksum, another "
            + "restore runs, or the wallets changed since the fingerprinted plan")
    @APIResponse(responseCode = "500", description = "The restore failed and was rolled back; the run says why")
    public Response restore(@Valid @NotNull(message = "is required") RestoreRequest request) {
        Actor caller = actor.get();
        List<String> named = request.targetWallets();
        var parameters = AuditTrail.params("dryRun", request.dryRun(), "targetCount",
                named == null ? null : named.size(), "targetWallets",
                named == null ? null : named.subList(0, Math.min(named.size(), 50)), "fingerprint",
                request.fingerprint());
        String target = "backup/" + request.backupId();
        if (request.dryRun()) {
            return Response.ok(audit.record(caller, "restore.dry-run", target, parameters,
                    () -> service.plan(request.backupId(), service.validTargets(named), caller))).build();
        }
        return Response.ok(audit.record(caller, "restore.apply", target, parameters, () -> {
            List<String> targets = service.validTargets(named);
            if (!identity.hasRole(Roles.ADMIN)) {
                throw new ForbiddenException("a real restore needs backup-admin");
            }
            if (!RestoreService.CONFIRMATION_CODE.equals(request.confirmationCode())) {
                throw new InvalidInputException("confirmationCode",
                        "must be " + RestoreService.CONFIRMATION_CODE + " to restore");
            }
            return service.restore(request.backupId(), targets, request.fingerprint(), caller);
        })).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The restore log, newest first (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "A JSON array of runs")
    @APIResponse(responseCode = "400", description = "limit out of range")
    public List<RestoreRun> list(@QueryParam("limit") String limit) {
        return service.list(Params.intInRange("limit", limit, 50, 1, 500));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One restore run, with progress while it runs (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public RestoreRun run(@PathParam("id") String id) {
        return service.run(Params.id("id", id));
    }
}
