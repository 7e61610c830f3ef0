package io.goldbackup.console;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.goldbackup.web.Problem;
import io.quarkus.csrf.reactive.runtime.CsrfRequestResponseReactiveFilter;
import io.vertx.ext.web.RoutingContext;

/**
 * The CSRF extension's request filter, applied to the console only. The extension filters every REST request;
 * the API is authenticated by bearer tokens, which a forged request cannot carry, and its clients have no CSRF
 * cookie, so there its checks would only refuse honest calls (a bodyless POST sent with a form content type, as
 * some clients do). On the console, authenticated by a cookie, a request that changes state must carry the token:
 * in the X-CSRF-TOKEN header (the console's script) or the form field of a form post, which the extension
 * compares with its cookie; without one it is refused here.
 */
@Dependent
@Alternative
@Priority(1)
class ConsoleCsrfFilter extends CsrfRequestResponseReactiveFilter {

    static final String HEADER = "X-CSRF-TOKEN";

    @Override
    public void filter(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            return;
        }
        boolean safe = switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> true;
            default -> false;
        };
        if (!safe && request.getHeaderString(HEADER) == null && !isForm(request.getMediaType())) {
            Problem problem = new Problem("https://gold-backup.dev/problems/csrf-token-missing",
                    "CSRF token missing", 403, "This console request changes state and needs the page's CSRF "
                            + "token. Reload the page and try again.",
                    path, null);
            request.abortWith(Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build());
            return;
        }
        super.filter(request, routing);
    }

    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                && !type.isWildcardType() && !type.isWildcardSubtype()
                || type.getType().equals("multipart") && type.getSubtype().equals("form-data"));
    }
}
