package io.goldbackup.web;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Bad input gets 400 problem+json naming the field, and nothing changes. */
@QuarkusTest
class BadInputTest {

    @Inject
    Db db;

    private TableRows before;

    @BeforeEach
    void arrange() {
        db.reset();
        db.seed(1, 5);
        before = db.liveRows();
    }

    private ValidatableResponse post(String body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/backups").then();
    }

    private static void names(ValidatableResponse response, String field) {
        response.log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field))
                .body("detail", not(containsString("io.goldbackup")))
                .body("detail", not(containsString("com.fasterxml")))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void createRefusesBadBodies() {
        names(post("{\"backupType\":\"weekly\"}"), "backupType");
        names(post("{\"backupType\":42}"), "backupType");
        names(post("{}"), "backupType");
        names(post("{\"backupType\":\"manual\",\"backupName\":\"" + "x".repeat(201) + "\"}"), "backupName");
        names(post("{\"backupType\":\"manual\",\"notes\":[1,2]}"), "notes");
        names(post("{\"backupType\":\"manual\",\"dryRun\":true}"), "dryRun");
        names(post("{\"backupType\": \"manual\""), "body");
        names(post("[\"manual\"]"), "body");
        names(post("null"), "body");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).post("/api/v1/backups").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.TEXT).body("manual").post("/api/v1/backups")
                .then().statusCode(415).contentType("application/problem+json");
        db.assertUnchanged(before, "refused backup requests change nothing");
    }

    @Test
    void readsRefuseBadParameters() {
        for (String limit : new String[]{"0", "501", "-1", "abc", "99999999999"}) {
            names(given().auth().oauth2(Tokens.viewer()).queryParam("limit", limit).get("/api/v1/backups").then(),
                    "limit");
        }
        names(given().auth().oauth2(Tokens.viewer()).queryParam("type", "daily").get("/api/v1/backups").then(),
                "type");
        names(given().auth().oauth2(Tokens.viewer()).queryParam("status", "done").get("/api/v1/backups").then(),
                "status");
        names(given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/abc").then(), "id");
        names(given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/-4").then(), "id");
        names(given().auth().oauth2(Tokens.viewer()).queryParam("limit", 1001).get("/api/v1/backups/1/wallets")
                .then(), "limit");
        db.assertUnchanged(before, "refused reads change nothing");
    }

    @Test
    void walletAddressesMustBeValidStakeAddresses() {
        String valid = GameStateSeeder.demoAddress(1);
        String badChecksum = valid.substring(0, valid.length() - 1) + (valid.endsWith("q") ? "p" : "q");
        for (String address : new String[]{badChecksum, "stake1abc", "addr1qxyz", "STAKE1" + valid.substring(6),
                "stake_test1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gssrtvx"}) {
            names(given().auth().oauth2(Tokens.viewer()).get("/api/v1/wallets/" + address + "/backups").then(),
                    "walletAddress");
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/wallets/" + valid + "/backups").then().statusCode(200);
        db.assertUnchanged(before, "refused wallet addresses change nothing");
    }

    @Test
    void unknownPathsAndIdsAreProblems() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/123456").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/nothing-here").then().statusCode(404);
        given().auth().oauth2(Tokens.viewer()).put("/api/v1/backups").then().statusCode(405)
                .contentType("application/problem+json");
    }
}
