package io.goldbackup.backup;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** Backups: create, list, inspect, page through, verify, delete. */
@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Backups")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role the operation needs")
public class BackupResource {

    static final int MAX_LIMIT = 500;
    static final int MAX_PAGE = 1000;

    private final BackupService service;
    private final BackupQueries queries;
    private final CurrentActor actor;

    BackupResource(BackupService service, BackupQueries queries, CurrentActor actor) {
        this.service = service;
        this.queries = queries;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List backups, newest first (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "A JSON array of backups")
    @APIResponse(responseCode = "400", description = "limit, type or status is invalid")
    public List<BackupSummary> list(
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "auto_daily, manual, pre_update, pre_migration or emergency") @QueryParam("type") String type,
            @Parameter(description = "running, completed or failed") @QueryParam("status") String status) {
        return queries.list(Params.intInRange("limit", limit, 50, 1, MAX_LIMIT),
                Optional.ofNullable(type).map(t -> BackupType.fromWire("type", t)),
                Optional.ofNullable(status).map(s -> BackupStatus.fromWire("status", s)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Take a backup of every wallet now and answer when it is completed (role backup-operator)", description = "With `Prefer: respond-async` it answers 202 as soon as the backup is registered "
            + "(status running), with the backup's Location: poll it until its status is completed or failed.")
    @APIResponse(responseCode = "201", description = "The completed backup; Location names it")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the backup runs (status running); "
            + "Location names it")
    @APIResponse(responseCode = "400", description = "The body is invalid; the problem names the field")
    @APIResponse(responseCode = "409", description = "The UTC day already has an auto_daily backup")
    @APIResponse(responseCode = "500", description = "The backup failed; it is recorded as failed")
    public Response create(@Valid @NotNull(message = "is required") CreateBackupRequest request,
            @Parameter(description = "respond-async: answer 202 when the backup is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            UriInfo uri) {
        if (RespondAsync.requested(prefer)) {
            long id = service.start(request.backupType(), request.backupName(), request.notes(), actor.get());
            return RespondAsync.accepted(uri, "api/v1/backups/{id}", queries.summary(id), id);
        }
        BackupSummary created = service.create(request.backupType(), request.backupName(), request.notes(),
                actor.get());
        URI location = uri.getBaseUriBuilder().path("api/v1/backups/{id}").build(created.id());
        return Response.created(location).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A backup with totals, averages and top 5 wallets over all its rows (role backup-viewer)", description = "The top wallets' addresses are whole for backup-operator and backup-admin, "
            + "masked for backup-viewer.")
    @APIResponse(responseCode = "200", description = "The backup's details")
    @APIResponse(responseCode = "404", description = "No such backup")
    public BackupDetails details(@PathParam("id") String id) {
        return queries.details(Params.id("id", id), actor.get());
    }

    @GET
    @Path("/{id}/wallets")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A page of a backup's wallet rows in address order (role backup-viewer)", description = "Keyset paging: pass the last walletAddress of a page as `after` to get the next page. "
            + "A full page carries a Link header with rel=\"next\".")
    @APIResponse(responseCode = "200", description = "A JSON array of wallet rows")
    @APIResponse(responseCode = "400", description = "limit or after is invalid")
    @APIResponse(responseCode = "404", description = "No such backup")
    public Response wallets(@PathParam("id") String id,
            @Parameter(description = "the last address of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit, UriInfo uri) {
        long backupId = Params.id("id", id);
        int size = Params.intInRange("limit", limit, 100, 1, MAX_PAGE);
        String cursor = Params.text("after", after, 200).orElse(null);
        BackupQueries.WalletPage page = queries.wallets(backupId, cursor, size);
        Response.ResponseBuilder response = Response.ok(page.rows());
        if (page.nextAfter() != null) {
            URI next = uri.getRequestUriBuilder().replaceQueryParam("after", page.nextAfter())
                    .replaceQueryParam("limit", size).build();
            response.link(next, "next");
        }
        return response.build();
    }

    @POST
    @Path("/{id}/verify")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Recompute a backup's checksum from its rows (role backup-operator)")
    @APIResponse(responseCode = "200", description = "ok is true when the rows still match; also 200 when not")
    @APIResponse(responseCode = "404", description = "No such backup")
    @APIResponse(responseCode = "409", description = "The backup is not completed")
    public VerifyResult verify(@PathParam("id") String id) {
        return service.verify(Params.id("id", id), actor.get());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a backup and its rows (role backup-admin, confirmationCode "
            + BackupService.DELETE_CONFIRMATION_CODE + ")")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "confirmationCode missing or wrong; nothing changed")
    @APIResponse(responseCode = "404", description = "No such backup")
    @APIResponse(responseCode = "409", description = "The backup is still running")
    public Response delete(@PathParam("id") String id,
            @Parameter(description = "required: "
                    + BackupService.DELETE_CONFIRMATION_CODE) @QueryParam("confirmationCode") String confirmationCode) {
        service.delete(Params.id("id", id), confirmationCode, actor.get());
        return Response.noContent().build();
    }
}
