package io.goldbackup.backup;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.goldbackup.security.Roles;
import io.goldbackup.web.Params;
import io.quarkus.security.Authenticated;

/** One wallet's history across backups: the seed's getUserBackupHistory. */
@Path("/api/v1/wallets/{walletAddress}/backups")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Backups")
@SecurityRequirement(name = "oidc")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role backup-viewer")
public class WalletHistoryResource {

    private final BackupQueries service;

    WalletHistoryResource(BackupQueries service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A wallet's rows in completed backups, newest first (role backup-viewer)")
    @APIResponse(responseCode = "200", description = "A JSON array, empty when no backup holds the wallet")
    @APIResponse(responseCode = "400", description = "Not a valid stake address, or limit out of range")
    public List<WalletBackupEntry> history(@PathParam("walletAddress") String walletAddress,
            @QueryParam("limit") String limit) {
        return service.history(walletAddress, Params.intInRange("limit", limit, 50, 1, BackupResource.MAX_LIMIT));
    }
}
