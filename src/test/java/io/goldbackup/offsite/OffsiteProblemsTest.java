package io.goldbackup.offsite;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import io.goldbackup.web.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An object store's failure as the client sees it: 503 with Retry-After when unreachable, 502 when it refused. */
class OffsiteProblemsTest {

    private static final UriInfo URI_INFO = (UriInfo) java.lang.reflect.Proxy.newProxyInstance(
            OffsiteProblemsTest.class.getClassLoader(), new Class<?>[]{UriInfo.class},
            (proxy, method, args) -> "getPath".equals(method.getName())
                    ? "/api/v1/offsite/primary/backups"
                    : "getRequestUri".equals(method.getName()) ? URI.create("http://localhost/") : null);

    @Test
    void anUnreachableStoreIsA503ThatAsksToRetry() {
        Response response = new OffsiteProblems().objectStore(new OffsiteException("primary", "list", "backups/",
                OffsiteException.Reason.UNREACHABLE, "endpoint http://127.0.0.1:1 unreachable", null), URI_INFO);
        assertEquals(503, response.getStatus());
        assertEquals("30", String.valueOf(response.getHeaders().getFirst("Retry-After")));
        Problem problem = (Problem) response.getEntity();
        assertTrue(problem.detail().contains("primary"), problem.detail());
        assertEquals("/api/v1/offsite/primary/backups", problem.instance());
    }

    @Test
    void refusedCredentialsAreA502WithoutRetryAfterOrSecrets() {
        Response response = new OffsiteProblems().objectStore(new OffsiteException("primary", "put", "backups/x",
                OffsiteException.Reason.CREDENTIALS_REFUSED, "the credentials were refused (403)", null), URI_INFO);
        assertEquals(502, response.getStatus());
        assertNull(response.getHeaders().getFirst("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertFalse(problem.detail().contains("secret"), problem.detail());
        assertEquals("Off-site store refused", problem.title());
    }
}
