package io.goldbackup.offsite;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.S3ProxyResource;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second target on the same store whose credentials are refused: its copy fails with that reason and a retry time,
 * the other target's copy completes, the backup stays completed, and the service stays ready.
 */
@QuarkusTest
@TestProfile(OffsiteRefusedCredentialsTest.Profile.class)
class OffsiteRefusedCredentialsTest {

    /** Targets {@code primary} (s3proxy) and {@code refused} (the same store, wrong credentials). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String refused = "gold-backup.offsite.targets.refused.";
            return Map.of(refused + "endpoint", "${gold-backup.offsite.targets.primary.endpoint}",
                    refused + "bucket", S3ProxyResource.BUCKET, refused + "path-style", "true",
                    refused + "access-key-id", "not-a-user", refused + "secret-access-key", "not-its-secret");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @Inject
    Db db;

    @Test
    void aTargetThatRefusesTheCredentialsGivesAFailedCopyWithItsReason() throws Exception {
        db.reset();
        db.seed(1, 50);
        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonPath copies;
        do {
            Thread.sleep(100);
            copies = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id + "/copies").then()
                    .statusCode(200).extract().jsonPath();
            assertTrue(Instant.now().isBefore(deadline), copies.prettify());
        } while (!"completed".equals(copies.getString("find { it.target == 'primary' }.status"))
                || !"failed".equals(copies.getString("find { it.target == 'refused' }.status")));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id + "/copies").then()
                .body("find { it.target == 'refused' }.error", containsString("credentials"))
                .body("find { it.target == 'refused' }.error", org.hamcrest.Matchers.not(containsString(
                        "not-its-secret")))
                .body("find { it.target == 'refused' }.nextAttemptAt", notNullValue())
                .body("find { it.target == 'refused' }.attempts", equalTo(1));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().body("status",
                equalTo("completed"));
        given().get("/q/health/ready").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/offsite/refused/backups").then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("refused"));
    }
}
