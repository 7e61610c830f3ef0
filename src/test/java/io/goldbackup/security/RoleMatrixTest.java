package io.goldbackup.security;

import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every endpoint against every caller: no token 401, a token without the role 403, the role itself (and every
 * role above it) allowed. Allowed calls go to an unknown backup where possible, so they change nothing.
 */
@QuarkusTest
class RoleMatrixTest {

    record Endpoint(String method, String path, String body, String leastRole) {
    }

    private static final String WALLET = GameStateSeeder.demoAddress(1);

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/backups", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/backups/999999", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/backups/999999/wallets", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/wallets/" + WALLET + "/backups", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/stats", null, Roles.VIEWER),
            new Endpoint("POST", "/api/v1/backups", "{\"backupType\":\"nonsense\"}", Roles.OPERATOR),
            new Endpoint("POST", "/api/v1/backups/999999/verify", null, Roles.OPERATOR),
            new Endpoint("DELETE", "/api/v1/backups/999999?confirmationCode=DELETE_GOLD_BACKUP_CONFIRMED", null,
                    Roles.ADMIN),
            new Endpoint("GET", "/api/v1/restores", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/restores/999999", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/restores/999999/plan", null, Roles.OPERATOR),
            new Endpoint("POST", "/api/v1/restores", "{\"backupId\":999999,\"dryRun\":true}", Roles.OPERATOR),
            new Endpoint("POST", "/api/v1/restores", "{\"backupId\":999999,\"dryRun\":false,"
                    + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}", Roles.ADMIN),
            // Forcing the use of a corrupt backup needs backup-admin, even for a dry run.
            new Endpoint("POST", "/api/v1/restores", "{\"backupId\":999999,\"dryRun\":true,\"force\":true}",
                    Roles.ADMIN),
            new Endpoint("POST", "/api/v1/cleanup", "{\"dryRun\":true,\"daysToKeep\":-1}", Roles.OPERATOR),
            new Endpoint("POST", "/api/v1/cleanup", "{\"dryRun\":false,\"daysToKeep\":36500,"
                    + "\"confirmationCode\":\"CLEANUP_GOLD_BACKUPS_CONFIRMED\"}", Roles.ADMIN),
            new Endpoint("GET", "/api/v1/cleanups", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/cleanups/999999", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/offsite/primary/imports/999999", null, Roles.VIEWER),
            new Endpoint("POST", "/api/v1/jobs/daily-backup", null, Roles.OPERATOR),
            new Endpoint("POST", "/api/v1/jobs/weekly-cleanup", null, Roles.OPERATOR),
            new Endpoint("POST", "/api/v1/jobs/verify", null, Roles.OPERATOR),
            new Endpoint("GET", "/api/v1/audit", null, Roles.OPERATOR),
            new Endpoint("GET", "/api/v1/audit/export?format=csv", null, Roles.OPERATOR),
            new Endpoint("GET", "/api/v1/drills", null, Roles.VIEWER),
            new Endpoint("GET", "/api/v1/drills/999999", null, Roles.VIEWER),
            new Endpoint("POST", "/api/v1/drills", "{\"backupId\":999999}", Roles.OPERATOR));

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
    }

    @Test
    void everyEndpointWantsAToken() {
        for (Endpoint e : ENDPOINTS) {
            call(given(), e).then().statusCode(401);
        }
    }

    @Test
    void expiredForgedAndForeignTokensAreRefusedEverywhere() {
        for (String token : List.of(Tokens.expired(), Tokens.signedByAnotherKey(), Tokens.fromAnotherIssuer(),
                Tokens.forAnotherAudience(), "not-a-jwt")) {
            for (Endpoint e : ENDPOINTS) {
                call(given().auth().oauth2(token), e).then().statusCode(401);
            }
        }
    }

    @Test
    void aTokenWithoutRolesIsForbiddenEverywhere() {
        for (Endpoint e : ENDPOINTS) {
            call(given().auth().oauth2(Tokens.noRoles()), e).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void eachRoleReachesExactlyItsEndpoints() {
        List<String> order = List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);
        List<Supplier<String>> tokens = List.of(Tokens::viewer, Tokens::operator, Tokens::admin);
        TableRows before = db.gameRows();
        for (int r = 0; r < order.size(); r++) {
            for (Endpoint e : ENDPOINTS) {
                int status = call(given().auth().oauth2(tokens.get(r).get()), e).then().extract().statusCode();
                boolean allowed = r >= order.indexOf(e.leastRole());
                if (allowed) {
                    assertEquals(true, status != 401 && status != 403,
                            order.get(r) + " " + e.method() + " " + e.path() + " -> " + status);
                } else {
                    assertEquals(403, status, order.get(r) + " " + e.method() + " " + e.path());
                }
            }
        }
        db.assertUnchanged(before, "the matrix changed no wallet");
    }

    @Test
    void triggeredByIsTheTokenSubjectNotTheBody() {
        given().auth().oauth2(Tokens.forRoles("subject-42", Roles.OPERATOR)).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups")
                .then().statusCode(201).body("triggeredBy", equalTo("subject-42"));
        // The seed let callers name triggeredBy; here it is not a field of the request.
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\",\"triggeredBy\":\"someone-else\"}").post("/api/v1/backups")
                .then().statusCode(400).body("violations[0].field", equalTo("triggeredBy"));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    private static io.restassured.response.Response call(RequestSpecification spec, Endpoint e) {
        if (e.body() != null) {
            spec = spec.contentType(ContentType.JSON).body(e.body());
        }
        return spec.request(e.method(), e.path());
    }
}
