package io.goldbackup.offsite;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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

import io.goldbackup.security.CurrentActor;
import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;
import io.goldbackup.web.RespondAsync;
import io.quarkus.security.Authenticated;

/** A backup's off-site copies: their state, and copying it now. */
@Path("/api/v1/backups/{id}/copies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Off-site copies")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role the operation needs")
public class BackupCopiesResource {

    private final OffsiteService service;
    private final CurrentActor actor;

    BackupCopiesResource(OffsiteService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    /**
     * The body of {@code POST /backups/{id}/copies}.
     *
     * @param target one target; absent for every target
     */
    public record CopyRequest(@Pattern(regexp = "[a-z0-9]{1,40}", message = "must be a target name") String target) {
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A backup's off-site copies and their state (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "A JSON array, one copy per target")
    @APIResponse(responseCode = "404", description = "No such backup")
    public List<CopyView> copies(@PathParam("id") String id) {
        return service.copies(Params.id("id", id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Copy a backup off-site now, to one target or all (role backup-operator)")
    @APIResponse(responseCode = "200", description = "The copies as they ended (a failed copy says why and when it is "
            + "tried again)")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: the copies are claimed (status running); "
            + "Location names the backup's copies: poll until none of them is running")
    @APIResponse(responseCode = "404", description = "No such backup or target")
    @APIResponse(responseCode = "409", description = "The backup is not completed, or its rows no longer match")
    public Response copy(@PathParam("id") String id, @Valid CopyRequest request,
            @Parameter(description = "respond-async: answer 202 when the copies are claimed") @HeaderParam(RespondAsync.PREFER) List<String> prefer,
            @Context UriInfo uri) {
        long backupId = Params.id("id", id);
        Optional<String> target = Optional.ofNullable(request).map(CopyRequest::target);
        if (RespondAsync.requested(prefer)) {
            service.startCopy(backupId, target, actor.get());
            return RespondAsync.accepted(uri, "api/v1/backups/{id}/copies", service.copies(backupId), backupId);
        }
        return Response.ok(service.copyNow(backupId, target, actor.get())).build();
    }
}
