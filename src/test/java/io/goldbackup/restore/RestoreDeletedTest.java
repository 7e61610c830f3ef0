package io.goldbackup.restore;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.gamestate.GameStateSeeder;
import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code restoreDeleted}: wallets deleted since the backup come back only when asked for, exactly as backed up. */
@QuarkusTest
class RestoreDeletedTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
        db.seed(1, 20);
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/restores").then();
    }

    @Test
    void deletedWalletsAreRecreatedOnlyWhenAskedFor() {
        long id = given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        String gone = GameStateSeeder.demoAddress(5);
        db.update("DELETE FROM owned_meks WHERE wallet_address = ?", gone);
        db.update("DELETE FROM players WHERE wallet_address = ?", gone);
        db.update("DELETE FROM gold_mining WHERE wallet_address = ?", gone);

        String plain = post("{\"backupId\":" + id + ",\"dryRun\":true}").statusCode(200)
                .body("walletsToRecreate", equalTo(0)).body("backupWalletsNotLive.count", equalTo(1)).extract()
                .jsonPath().getString("fingerprint");
        post("{\"backupId\":" + id + ",\"dryRun\":false,\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\"}")
                .statusCode(200);
        assertEquals(0L, db.count("SELECT count(*) FROM gold_mining WHERE wallet_address = ?", gone),
                "not re-created unless asked for");

        String recreating = post("{\"backupId\":" + id + ",\"dryRun\":true,\"restoreDeleted\":true}").statusCode(200)
                .body("walletsToRecreate", equalTo(1)).extract().jsonPath().getString("fingerprint");
        assertNotEquals(plain, recreating, "another plan, another fingerprint");

        post("{\"backupId\":" + id + ",\"dryRun\":false,\"restoreDeleted\":true,"
                + "\"confirmationCode\":\"RESTORE_GOLD_BACKUP_CONFIRMED\",\"fingerprint\":\"" + recreating + "\"}")
                .statusCode(200).body("walletsProcessed", equalTo(20));
        assertEquals(1L, db.count("""
                SELECT count(*) FROM gold_mining g JOIN gold_backup_wallets b
                  ON b.wallet_address = g.wallet_address AND b.backup_id = ?
                WHERE g.wallet_address = ? AND g.accumulated_gold = b.current_gold
                  AND g.total_gold_per_hour = b.gold_per_hour
                """, id, gone), "re-created as the backup has it");
        assertEquals(1L, db.count("""
                SELECT count(*) FROM players p JOIN gold_backup_wallets b
                  ON b.wallet_address = p.wallet_address AND b.backup_id = ?
                WHERE p.wallet_address = ? AND p.level = b.level AND p.bank_balance = b.bank_balance
                """, id, gone), "its player row too");
    }
}
