package io.goldbackup.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** The audit trail. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Audit")
@SecurityRequirement(name = "oidc")
public class AuditResource {

    private final AuditTrail audit;

    AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Audit events, newest first; page with before=<id of the last event> (role backup-operator)")
    @APIResponse(responseCode = "200", description = "A JSON array of events")
    @APIResponse(responseCode = "400", description = "limit or before out of range")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the role backup-operator")
    public List<AuditEvent> list(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        return audit.list(Params.intInRange("limit", limit, 50, 1, 500),
                before == null ? null : Params.id("before", before));
    }
}
