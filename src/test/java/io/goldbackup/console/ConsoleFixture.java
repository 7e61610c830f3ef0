package io.goldbackup.console;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.goldbackup.security.Roles;
import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.oidc.server.OidcWireMock;

import static io.restassured.RestAssured.given;

/**
 * What the console's tests share: the test OIDC server to sign in through, the console's address, empty tables
 * before each test, a browser signed in per role and a backup taken through the API.
 */
abstract class ConsoleFixture {

    @OidcWireMock
    WireMockServer oidc;

    @TestHTTPResource("/console")
    URL console;

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
    }

    ConsoleBrowser viewer() {
        return ConsoleBrowser.signIn(oidc, console, "console-viewer", Roles.VIEWER);
    }

    ConsoleBrowser operator() {
        return ConsoleBrowser.signIn(oidc, console, "console-operator", Roles.OPERATOR);
    }

    /** Granted only backup-admin: whatever an operator or viewer may do, it may through the role hierarchy. */
    ConsoleBrowser admin() {
        return ConsoleBrowser.signIn(oidc, console, "console-admin", Roles.ADMIN);
    }

    static long backupViaApi() {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body("{\"backupType\":\"manual\",\"backupName\":\"api\"}").post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
