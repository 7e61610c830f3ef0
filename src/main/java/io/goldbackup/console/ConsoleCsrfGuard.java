package io.goldbackup.console;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.goldbackup.web.Problem;

/**
 * Refuses a console request that changes state unless it carries a CSRF token. The CSRF extension verifies a token
 * wherever one is sent (the X-CSRF-TOKEN header, or the form field of a form post) against its cookie; it lets a
 * JSON body without the header through, because the API's bearer-token clients send none. The console is
 * authenticated by a cookie, so here a missing token is refused too.
 */
class ConsoleCsrfGuard {

    static final String HEADER = "X-CSRF-TOKEN";

    @ServerRequestFilter
    Response requireToken(ResteasyReactiveContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/console") && !path.startsWith("/console/")) {
            return null;
        }
        if (List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod())) {
            return null;
        }
        if (request.getHeaderString(HEADER) != null || isForm(request.getMediaType())) {
            return null;
        }
        Problem problem = new Problem("https://gold-backup.dev/problems/csrf-token-missing", "CSRF token missing", 403,
                "This console request changes state and needs the page's CSRF token. Reload the page and try again.",
                path, null);
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static boolean isForm(MediaType type) {
        return type != null
                && ((type.getType().equals("application") && type.getSubtype().equals("x-www-form-urlencoded"))
                        || (type.getType().equals("multipart") && type.getSubtype().equals("form-data")));
    }
}
