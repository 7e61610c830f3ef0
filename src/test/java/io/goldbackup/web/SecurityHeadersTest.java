package io.goldbackup.web;

import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SecurityHeadersTest {

    private static void hardened(ValidatableResponse response) {
        response.header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void apiAnswersCarryTheSecurityHeadersAlsoWhenRefused() {
        hardened(given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups").then().statusCode(200));
        hardened(given().get("/api/v1/backups").then().statusCode(401));
        hardened(given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/abc").then().statusCode(400));
        given().get("/q/health/live").then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void corsIsOff() {
        given().header("Origin", "https://evil.example.com").auth().oauth2(Tokens.viewer()).get("/api/v1/backups")
                .then().statusCode(200).header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        String huge = "{\"backupType\":\"manual\",\"notes\":\"" + "x".repeat(1_100_000) + "\"}";
        given().auth().oauth2(Tokens.operator()).contentType("application/json").body(huge).post("/api/v1/backups")
                .then().statusCode(413);
    }
}
