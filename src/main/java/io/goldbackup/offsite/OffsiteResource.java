package io.goldbackup.offsite;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.goldbackup.backup.BackupSummary;
import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;
import io.goldbackup.web.RespondAsync;
import io.quarkus.security.Authenticated;

/** What a target's bucket holds, and bringing a copy back. */
@Path("/api/v1/offsite")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Off-site copies")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role the operation needs")
public class OffsiteResource {

    private final OffsiteService service;
    private final CurrentActor actor;

    OffsiteResource(OffsiteService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    /**
     * The body of {@code POST /offsite/{target}/imports}: exactly one of them.
     *
     * @param uuid the copy's backup uuid
     * @param backupId the backup's id in the database that made the copy: the newest copy that had it
     */
    public record ImportRequest(UUID uuid, @Positive(message = "must be a positive id") Long backupId) {
    }

    @GET
    @Path("/{target}/backups")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "What a target's bucket holds, newest first, including backups this database does not know "
            + "(role backup-admin)")
    @APIResponse(responseCode = "200", description = "A JSON array of the copies' manifests")
    @APIResponse(responseCode = "404", description = "No such target")
    public List<RemoteBackup> remote(@PathParam("target") String target) {
        return service.remote(target);
    }

    @POST
    @Path("/{target}/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import a copy as a completed backup marked as imported (role backup-admin)")
    @APIResponse(responseCode = "201", description = "The imported backup; Location names it")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the import is registered (status "
            + "running); Location names it (/api/v1/offsite/{target}/imports/{id}), with the backup once completed")
    @APIResponse(responseCode = "400", description = "Neither or both of uuid and backupId")
    @APIResponse(responseCode = "404", description = "No such target")
    @APIResponse(responseCode = "409", description = "The copy does not verify (key, MAC, bytes, checksum), is "
            + "missing, or is already known here; nothing imported")
    public Response importCopy(@PathParam("target") String target,
            @Valid @jakarta.validation.constraints.NotNull(message = "is required") ImportRequest request,
            @Parameter(description = "respond-async: answer 202 when the import is registered") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        if (RespondAsync.requested(prefer)) {
            long id = service.startImport(target, Optional.ofNullable(request.uuid()),
                    Optional.ofNullable(request.backupId()), actor.get());
            return RespondAsync.accepted(uri, "api/v1/offsite/{target}/imports/{id}", service.importRun(target, id),
                    target, id);
        }
        BackupSummary imported = service.importCopy(target, Optional.ofNullable(request.uuid()),
                Optional.ofNullable(request.backupId()), actor.get());
        URI location = uri.getBaseUriBuilder().path("api/v1/backups/{id}").build(imported.id());
        return Response.created(location).entity(imported).build();
    }

    @GET
    @Path("/{target}/imports/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One import: its status, and the imported backup's id once completed (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "The import")
    @APIResponse(responseCode = "404", description = "No such target, or no such import of it")
    public OffsiteImport importRun(@PathParam("target") String target, @PathParam("id") String id) {
        return service.importRun(target, Params.id("id", id));
    }
}
