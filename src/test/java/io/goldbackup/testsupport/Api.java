package io.goldbackup.testsupport;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** The API calls many tests make the same way, through the real HTTP API with signed tokens. */
public final class Api {

    /** The seed's confirmation code for a real restore. */
    public static final String RESTORE_CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";

    private Api() {
    }

    /** A manual backup taken by an operator; answers its id (201 expected). */
    public static long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    /**
     * A full restore of {@code backupId} (every wallet): a dry run by an operator, or a real one by an admin with the
     * confirmation code.
     */
    public static ValidatableResponse fullRestore(long backupId, boolean dryRun) {
        return given().auth().oauth2(dryRun ? Tokens.operator() : Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + backupId + ",\"dryRun\":" + dryRun
                        + (dryRun ? "" : ",\"confirmationCode\":\"" + RESTORE_CODE + "\"") + "}")
                .post("/api/v1/restores").then().log().ifValidationFails();
    }
}
