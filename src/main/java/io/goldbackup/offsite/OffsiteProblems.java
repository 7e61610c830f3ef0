package io.goldbackup.offsite;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.goldbackup.web.Problem;
import io.quarkus.logging.Log;

/**
 * An object store that failed a request: 503 with {@code Retry-After} when it could not be reached, 502 otherwise
 * (credentials refused, a missing bucket); the detail names the target, the operation and the key, never a secret.
 */
class OffsiteProblems {

    @ServerExceptionMapper
    Response objectStore(OffsiteException e, UriInfo uri) {
        Log.warnf("Off-site store failed while serving %s: %s", uri.getPath(), e.getMessage());
        boolean unreachable = e.reason() == OffsiteException.Reason.UNREACHABLE;
        int status = unreachable ? 503 : 502;
        Problem body = new Problem("https://gold-backup.dev/problems/offsite-store",
                unreachable ? "Off-site store unreachable" : "Off-site store refused", status, e.getMessage(),
                uri.getPath(), null);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        return unreachable ? response.header("Retry-After", 30).build() : response.build();
    }
}
