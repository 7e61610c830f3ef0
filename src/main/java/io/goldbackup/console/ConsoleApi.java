package io.goldbackup.console;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import io.goldbackup.backup.BackupResource;
import io.goldbackup.backup.BackupSummary;
import io.goldbackup.backup.CreateBackupRequest;
import io.goldbackup.backup.VerifyResult;
import io.goldbackup.restore.RestoreRequest;
import io.goldbackup.restore.RestoreResource;
import io.goldbackup.restore.RestoreRun;
import io.goldbackup.retention.CleanupReport;
import io.goldbackup.retention.CleanupRequest;
import io.goldbackup.retention.CleanupResource;
import io.goldbackup.security.Roles;

/**
 * The JSON endpoints the console's script calls, under the console's session (and, for changes, its CSRF token).
 * Each is the API's own operation, called as is: the same validation, the same role rules (a real restore, a
 * delete and a real cleanup need backup-admin), the same audit record under the signed-in person. Answers and
 * errors are the API's (problem details).
 */
@Path("/console/api")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleApi {

    private final BackupResource backups;
    private final RestoreResource restores;
    private final CleanupResource cleanup;

    ConsoleApi(BackupResource backups, RestoreResource restores, CleanupResource cleanup) {
        this.backups = backups;
        this.restores = restores;
        this.cleanup = cleanup;
    }

    @POST
    @Path("/backups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public Response create(@Valid @NotNull(message = "is required") CreateBackupRequest request,
            @Context UriInfo uri) {
        return backups.create(request, uri);
    }

    /** The progress the create page polls: the running backups, or any list the API's filters give. */
    @GET
    @Path("/backups")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public List<BackupSummary> list(@QueryParam("limit") String limit, @QueryParam("type") String type,
            @QueryParam("status") String status) {
        return backups.list(limit, type, status);
    }

    @POST
    @Path("/backups/{id}/verify")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public VerifyResult verify(@PathParam("id") String id) {
        return backups.verify(id);
    }

    @DELETE
    @Path("/backups/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Response delete(@PathParam("id") String id) {
        return backups.delete(id);
    }

    @POST
    @Path("/restores")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public Response restore(@Valid @NotNull(message = "is required") RestoreRequest request) {
        return restores.restore(request);
    }

    /** The restore log, which the restore page polls for a running restore's progress. */
    @GET
    @Path("/restores")
    @RolesAllowed(Roles.VIEWER)
    @Operation(hidden = true)
    public List<RestoreRun> runs(@QueryParam("limit") String limit) {
        return restores.list(limit);
    }

    @POST
    @Path("/cleanup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(hidden = true)
    public CleanupReport cleanup(@Valid @NotNull(message = "is required") CleanupRequest request) {
        return cleanup.cleanup(request);
    }
}
