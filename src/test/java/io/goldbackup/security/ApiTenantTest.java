package io.goldbackup.security;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API takes bearer tokens only: the console's session, signed in and valid, opens nothing under /api. */
@QuarkusTest
class ApiTenantTest {

    @OidcWireMock
    WireMockServer oidc;

    @TestHTTPResource("/console")
    URL console;

    @Test
    void theConsolesSessionCookiesAloneAreRefusedByTheApi() {
        try (ConsoleBrowser admin = ConsoleBrowser.signIn(oidc, console, "cookie-admin", Roles.ADMIN)) {
            Map<String, String> cookies = admin.cookies();
            assertTrue(cookies.keySet().stream().anyMatch(name -> name.startsWith("q_session_web-app")),
                    "signed in: " + cookies.keySet());
            // The same session still opens the console ...
            assertTrue(admin.page("/console").getWebResponse().getStatusCode() == 200);
            // ... but not the API, for reads or changes.
            given().cookies(cookies).accept("application/json").get("/api/v1/backups").then().statusCode(401)
                    .contentType("application/problem+json").header("Location", nullValue());
            given().cookies(cookies).contentType("application/json").body("{\"backupType\":\"manual\"}")
                    .post("/api/v1/backups").then().statusCode(401).contentType("application/problem+json");
            given().cookies(cookies).get("/api/v1/stats").then().statusCode(401);
            // A bearer token beside the cookies is what counts.
            given().cookies(cookies).auth().oauth2(Tokens.viewer()).get("/api/v1/stats").then().statusCode(200);
        }
    }
}
