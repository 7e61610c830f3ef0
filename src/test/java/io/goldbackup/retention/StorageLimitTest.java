package io.goldbackup.retention;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(TightStorageProfile.class)
class StorageLimitTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
    }

    private static ValidatableResponse create() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().log().ifValidationFails();
    }

    private static double refused(String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("gold_backup_refused_total{") && line.contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void aBackupBeyondTheMaximumCountIsRefused() {
        db.seed(1, 5);
        double before = refused("max_backups");
        create().statusCode(201);
        create().statusCode(201);
        create().statusCode(201);
        create().statusCode(507).contentType("application/problem+json")
                .body("detail", containsString("gold-backup.storage.max-backups is 3"));
        assertEquals(3, db.count("SELECT count(*) FROM gold_backups"), "nothing of the refused backup remains");
        assertEquals(before + 1, refused("max_backups"));
        // Failed backups do not count against the limit.
        db.update("UPDATE gold_backups SET status = 'failed' WHERE id = (SELECT min(id) FROM gold_backups)");
        create().statusCode(201);
    }

    @Test
    void aBackupBeyondTheMaximumSizeIsRefusedAndNeverHalfWritten() {
        db.seed(1, 6000);
        double before = refused("max_size");
        create().statusCode(507).body("title", equalTo("Storage limit"))
                .body("detail", containsString("gold-backup.storage.max-size-mb is 1"));
        assertEquals("failed", db.single("SELECT status FROM gold_backups"));
        assertTrue(((String) db.single("SELECT error FROM gold_backups")).startsWith("Refused"));
        assertEquals(0, db.count("SELECT count(*) FROM gold_backup_wallets"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname ~ '^gold_backup_wallets_[0-9]+$'"));
        assertEquals(before + 1, refused("max_size"));
    }
}
