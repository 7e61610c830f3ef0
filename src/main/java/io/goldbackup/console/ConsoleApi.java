package io.goldbackup.console;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.goldbackup.backup.BackupQueries;
import io.goldbackup.backup.BackupService;
import io.goldbackup.backup.BackupStatus;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.BackupType;
import io.goldbackup.backup.CreateBackupRequest;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.offsite.OffsiteService;
import io.goldbackup.restore.RestoreRequest;
import io.goldbackup.restore.RestoreRun;
import io.goldbackup.restore.RestoreService;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupRequest;
import io.goldbackup.retention.CleanupService;
import io.goldbackup.security.Actor;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;

/**
 * The JSON endpoints the console's script calls, under the console's session (and, for changes, its CSRF token).
 * Each calls the same service as the API, with the signed-in person as the actor: the same rules (a real restore, a
 * delete and a real cleanup need backup-admin), the same operation runner and audit record. Answers and errors are
 * the API's (problem details).
 */
@Path("/console/api")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleApi {

    private final BackupService backups;
    private final BackupQueries queries;
    private final RestoreService restores;
    private final CleanupService cleanup;
    private final OffsiteService offsite;
    private final CurrentActor actor;
    private final CreateRequests createRequests;

    ConsoleApi(BackupService backups, BackupQueries queries, RestoreService restores, CleanupService cleanup,
            OffsiteService offsite, CurrentActor actor, CreateRequests createRequests) {
        this.createRequests = createRequests;
        this.backups = backups;
        this.queries = queries;
        this.restores = restores;
        this.cleanup = cleanup;
        this.offsite = offsite;
        this.actor = actor;
    }

    /**
     * The body of an import from the off-site page, which offers one per copy by its uuid.
     *
     * @param uuid the copy's backup uuid
     */
    public record ImportRequest(@NotNull(message = "is required") UUID uuid) {
    }

    @POST
    @Path("/backups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public Response create(@Valid @NotNull(message = "is required") CreateBackupRequest request,
            @HeaderParam("Idempotency-Key") String key, @Context UriInfo uri) {
        boolean repeated = createRequests.created(key).isPresent();
        long id = createRequests.once(key, () -> backups.create(request.backupType(), request.backupName(),
                request.notes(), actor.get()).id());
        BackupSummary created = queries.summary(id);
        // A repeated request answers the backup its first one created, and creates nothing.
        return (repeated
                ? Response.ok()
                : Response.created(uri.getBaseUriBuilder().path("api/v1/backups/{id}")
                        .build(id)))
                .entity(created).build();
    }

    /** The progress the create page polls: the running backups, or any list the API's filters give. */
    @GET
    @Path("/backups")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public List<BackupSummary> list(@QueryParam("limit") String limit, @QueryParam("type") String type,
            @QueryParam("status") String status) {
        return queries.list(Params.intInRange("limit", limit, 50, 1, 500),
                Optional.ofNullable(type).map(t -> BackupType.fromWire("type", t)),
                Optional.ofNullable(status).map(s -> BackupStatus.fromWire("status", s)));
    }

    @POST
    @Path("/backups/{id}/verify")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public VerifyResult verify(@PathParam("id") String id) {
        return backups.verify(Params.id("id", id), actor.get());
    }

    @DELETE
    @Path("/backups/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response delete(@PathParam("id") String id,
            @QueryParam(TypedConfirmation.FIELD) String confirmName) {
        long backupId = Params.id("id", id);
        boolean confirmed = TypedConfirmation.require(actor.get(), confirmName,
                queries.summary(backupId).backupName(), "(the backup's name) to delete it");
        backups.delete(backupId, confirmed ? BackupService.DELETE_CONFIRMATION_CODE : null, actor.get());
        return Response.noContent().build();
    }

    @POST
    @Path("/restores")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public Response restore(@Valid @NotNull(message = "is required") RestoreRequest request,
            @QueryParam(TypedConfirmation.FIELD) String confirmName) {
        return Response.ok(restores.run(confirmed(queries, actor.get(), request, confirmName), actor.get())).build();
    }

    /**
     * A real restore's request with the API's confirmation code, once the person typed the backup's name; a dry run
     * as it is (it needs none).
     */
    static RestoreRequest confirmed(BackupQueries queries, Actor actor, RestoreRequest r, String confirmName) {
        if (r.dryRun()) {
            return r;
        }
        boolean confirmed = TypedConfirmation.require(actor, confirmName, queries.summary(r.backupId()).backupName(),
                "(the backup's name) to restore from it");
        return new RestoreRequest(r.backupId(), r.targetWallets(), confirmed ? RestoreService.CONFIRMATION_CODE : null,
                false, r.fingerprint(), r.restoreDeleted(), r.force());
    }

    /** A real cleanup's request with the API's confirmation code, once the person typed {@code cleanup}. */
    static String cleanupCode(Actor actor, CleanupRequest r, String confirmName) {
        if (r.dryRun()) {
            return null;
        }
        return TypedConfirmation.require(actor, confirmName, TypedConfirmation.CLEANUP, "to delete these backups")
                ? CleanupService.CONFIRMATION_CODE
                : null;
    }

    /** The restore log, which the restore page polls for a running restore's progress. */
    @GET
    @Path("/restores")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public List<RestoreRun> runs(@QueryParam("limit") String limit) {
        return restores.list(Params.intInRange("limit", limit, 50, 1, 500));
    }

    @POST
    @Path("/cleanup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public CleanupReport cleanup(@Valid @NotNull(message = "is required") CleanupRequest request,
            @QueryParam(TypedConfirmation.FIELD) String confirmName) {
        return cleanup.cleanup(Optional.ofNullable(request.daysToKeep()), request.dryRun(),
                cleanupCode(actor.get(), request, confirmName), actor.get());
    }

    /**
     * Brings a copy back as a completed backup marked as imported, as the API's import by uuid does: 201 with the
     * backup; a copy that does not verify, is missing or is already known here is refused (409) naming the object.
     */
    @POST
    @Path("/offsite/{target}/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response importCopy(@PathParam("target") String target,
            @Valid @NotNull(message = "is required") ImportRequest request, @Context UriInfo uri) {
        BackupSummary imported = offsite.importCopy(target, Optional.of(request.uuid()), Optional.empty(),
                actor.get());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/backups/{id}").build(imported.id()))
                .entity(imported).build();
    }
}
