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
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            DatabaseBehindProxyProfile.proxy.start();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 200) {
            status = given().get("/q/health/ready").then().extract().statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
