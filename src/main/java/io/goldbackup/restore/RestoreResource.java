package io.goldbackup.restore;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import io.goldbackup.restore.RestoreExceptions.PlanNotFoundException;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;
import io.goldbackup.web.RespondAsync;
import io.quarkus.security.Authenticated;

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

    RestoreResource(RestoreService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Preview (dryRun true, role backup-operator) or run (dryRun false, role backup-admin, "
            + "confirmationCode RESTORE_GOLD_BACKUP_CONFIRMED) a restore of all or named wallets", description = "A dry run answers the plan: every change with totals, the largest per-wallet diffs, "
                    + "what is missing or untouched, and a fingerprint. A restore answers the completed run, with "
                    + "safetyBackupId: the emergency backup of the overwritten wallets, which undoes it.")
    @APIResponse(responseCode = "200", description = "The plan (dry run) or the completed run (restore)")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the run is registered (status running); "
            + "Location names it. A dry run's plan is at its Location + /plan once completed")
    @APIResponse(responseCode = "400", description = "Invalid body, wallet or confirmation code; nothing changed")
    @APIResponse(responseCode = "404", description = "No such backup")
    @APIResponse(responseCode = "409", description = "The backup is not completed or fails its checksum, another "
            + "restore runs, or the wallets changed since the fingerprinted plan")
    @APIResponse(responseCode = "500", description = "The restore failed and was rolled back; the run says why")
    public Response restore(@Valid @NotNull(message = "is required") RestoreRequest request,
            @Parameter(description = "respond-async: answer 202 when the run is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        if (RespondAsync.requested(prefer)) {
            long id = service.start(request, actor.get());
            return RespondAsync.accepted(uri, "api/v1/restores/{id}", service.run(id), id);
        }
        return Response.ok(service.run(request, actor.get())).build();
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

    @GET
    @Path("/{id}/plan")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "A completed dry run's plan, as the dry run answered it (role backup-operator)")
    @APIResponse(responseCode = "200", description = "The plan")
    @APIResponse(responseCode = "404", description = "No such run, or it has no plan: not a dry run, or not completed")
    public Response plan(@PathParam("id") String id) {
        long runId = Params.id("id", id);
        return Response.ok(service.plan(runId).orElseThrow(() -> new PlanNotFoundException(runId)),
                MediaType.APPLICATION_JSON).build();
    }
}
