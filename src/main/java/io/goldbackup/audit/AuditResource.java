package io.goldbackup.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

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
    @Operation(summary = "Audit events, newest first, optionally filtered by person, action, outcome, target and time; "
            + "page with before=<id of the last event> (role backup-operator)")
    @APIResponse(responseCode = "200", description = "A JSON array of events")
    @APIResponse(responseCode = "400", description = "limit, before or a filter out of range, naming it")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the role backup-operator")
    public List<AuditEvent> list(@QueryParam("limit") String limit, @QueryParam("before") String before,
            @BeanParam AuditQuery query) {
        int size = Params.intInRange("limit", limit, 50, 1, 500);
        Long beforeId = before == null ? null : Params.id("before", before);
        return audit.list(query.filter(), size, beforeId);
    }

    @GET
    @Path("/export")
    // Any Accept: the format parameter chooses (a browser's download link asks for HTML first).
    @Produces("*/*")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Every audit event matching the filters, newest first, streamed as CSV or JSON "
            + "(format=csv|json, default json; role backup-operator)")
    @APIResponse(responseCode = "200", description = "The events as a CSV file or a JSON array, as an attachment")
    @APIResponse(responseCode = "400", description = "format or a filter out of range, naming it")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the role backup-operator")
    public Response export(@QueryParam("format") String format, @BeanParam AuditQuery query) {
        return export(audit, AuditExport.fromWire("format", format), query.filter());
    }

    /**
     * The streamed answer of an export (the API's and the console's): the filter and format are checked before the
     * first byte, so a wrong one is still a 400 problem.
     */
    public static Response export(AuditTrail audit, AuditExport format, AuditFilter filter) {
        StreamingOutput body = out -> audit.export(filter, format, out);
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + format.fileName() + "\"").build();
    }
}
