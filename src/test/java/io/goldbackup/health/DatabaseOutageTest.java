package io.goldbackup.health;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A database outage takes the pod out of readiness, never out of liveness, and it comes back by itself. */
@QuarkusTest
@TestProfile(DatabaseBehindProxyProfile.class)
class DatabaseOutageTest {

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        DatabaseBehindProxyProfile.proxy.cut();
        try {
            // The background check notices within its interval (2 s) or, if its query hangs, its staleness limit.
            awaitReadiness(503);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            DatabaseBehindProxyProfile.proxy.start();
        }
        awaitReadiness(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void awaitReadiness(int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != expected) {
            status = given().get("/q/health/ready").then().extract().statusCode();
            if (status != expected) {
                Thread.sleep(250);
            }
        }
    }
}
