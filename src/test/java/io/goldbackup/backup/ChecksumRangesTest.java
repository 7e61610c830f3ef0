package io.goldbackup.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.db.Database;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A backup's checksum as a hash tree over ranges of 256 wallets: recomputable with psql and coreutils, stored so that
 * a restore or dry run of named wallets re-reads only the ranges holding them, and backups taken before (a flat
 * checksum) still verified and restored. 600 wallets: nine ranges of 64 and one of 24.
 */
@QuarkusTest
class ChecksumRangesTest {

    private static final String CODE = "RESTORE_GOLD_BACKUP_CONFIRMED";

    @Inject
    Db db;

    @Inject
    Database database;

    @Inject
    BackupVerifier verifier;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM restore_runs");
        db.seed(1, 600);
    }

    private long backup() {
        return given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON)
                .body("{\"backupType\":\"manual\"}").post("/api/v1/backups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static ValidatableResponse restore(long backupId, List<String> targets, boolean dryRun) {
        String named = targets.stream().map(t -> "\"" + t + "\"").reduce((a, b) -> a + "," + b).orElseThrow();
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"backupId\":" + backupId + ",\"targetWallets\":[" + named + "],\"dryRun\":" + dryRun
                        + (dryRun ? "" : ",\"confirmationCode\":\"" + CODE + "\"") + "}")
                .post("/api/v1/restores").then().log().ifValidationFails();
    }

    /** The address of the wallet at {@code position} (from 0) of backup {@code id}, in address order. */
    private String walletAt(long id, int position) {
        return db.strings("SELECT wallet_address FROM gold_backup_wallets WHERE backup_id = ? ORDER BY wallet_address "
                + "OFFSET ? LIMIT 1", id, position).get(0);
    }

    private void tamper(long id, String wallet) {
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 1 WHERE backup_id = ? AND "
                + "wallet_address = ?", id, wallet);
    }

    private String status(long id) {
        return (String) db.single("SELECT status FROM gold_backups WHERE id = ?", id);
    }

    @Test
    void theChecksumIsTheDocumentedTreeAndItsRangesAreStored() throws Exception {
        long id = backup();
        String recorded = (String) db.single("SELECT checksum FROM gold_backups WHERE id = ?", id);
        assertEquals(2, ((Number) db.single("SELECT snapshot_version FROM gold_backups WHERE id = ?", id)).intValue());
        assertEquals(List.of("0:64", "1:64", "2:64", "3:64", "4:64", "5:64", "6:64", "7:64", "8:64", "9:24"),
                db.strings("SELECT range_no || ':' || wallets FROM gold_backup_ranges WHERE backup_id = ? "
                        + "ORDER BY range_no", id));
        assertEquals(walletAt(id, 63), db.single(
                "SELECT last_address FROM gold_backup_ranges WHERE backup_id = ? AND range_no = 0", id));
        // The README's recipe, with psql's part done over JDBC and the rest by coreutils.
        Path rows = Files.createTempFile("canonical", ".txt");
        try {
            try (var c = db.dataSource().getConnection();
                    var st = c.createStatement();
                    var out = Files.newOutputStream(rows)) {
                c.setAutoCommit(false);
                st.execute("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; "
                        + "SET LOCAL extra_float_digits = 1");
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut("COPY (SELECT "
                        + SnapshotRepository.CANONICAL_COLUMNS + " FROM gold_backup_wallets WHERE backup_id = " + id
                        + " ORDER BY wallet_address) TO STDOUT", out);
                c.rollback();
            }
            Process p = new ProcessBuilder("bash", "-c",
                    "split -l 64 --filter='sha256sum | cut -c1-64' < \"$0\" | sha256sum | cut -c1-64",
                    rows.toString()).redirectErrorStream(true).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertEquals(0, p.waitFor(), printed);
            assertEquals(recorded, printed);
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    @Test
    void aTargetedRestoreChecksOnlyTheRangesOfItsWallets() {
        long id = backup();
        String named = walletAt(id, 10);
        String elsewhere = walletAt(id, 400);
        tamper(id, elsewhere);
        db.update("UPDATE gold_mining SET accumulated_gold = 7 WHERE wallet_address = ?", named);

        restore(id, List.of(named), true).statusCode(200).body("walletsToChange", equalTo(1));
        restore(id, List.of(named), false).statusCode(200).body("status", equalTo("completed"));
        assertEquals("completed", status(id), "a pass of some ranges says nothing of the others");

        // The scheduled verification reads the whole backup again (never verified: it is due) and names the range
        // holding the changed row.
        given().auth().oauth2(Tokens.operator()).post("/api/v1/jobs/verify").then().statusCode(200);
        assertEquals("corrupt", status(id));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("lastVerifyDetail", containsString("1 of 10 ranges differ: range 6 (up to " + walletAt(id, 447)
                        + ")"));
    }

    @Test
    void aTargetedRestoreWhoseRangeWasTamperedWithIsRefusedAndChangesNothing() {
        long id = backup();
        String named = walletAt(id, 300);
        tamper(id, walletAt(id, 290));
        db.update("UPDATE gold_mining SET accumulated_gold = 7 WHERE wallet_address = ?", named);
        TableRows before = db.gameRows();

        restore(id, List.of(named), false).statusCode(409)
                .body("detail", containsString("range 4 (after " + walletAt(id, 255) + " up to " + walletAt(id, 319)));
        db.assertUnchanged(before, "a refused restore changes nothing");
        assertEquals("corrupt", status(id));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'backup.marked-corrupt' "
                + "AND target = ?", "backup/" + id));
    }

    @Test
    void aWalletTheBackupDoesNotHoldIsCheckedThroughTheRangeThatWouldHoldIt() {
        long id = backup();
        // A row slipped into the backup for a wallet it never held: the range it lands in no longer hashes.
        String added = GameStateSeeder.demoAddress(90_000);
        db.update("INSERT INTO gold_backup_wallets (backup_id, wallet_address, current_gold, gold_per_hour, mek_count) "
                + "SELECT backup_id, ?, 1e9, 0, 0 FROM gold_backup_wallets WHERE backup_id = ? LIMIT 1", added, id);
        restore(id, List.of(added), true).statusCode(409);
        assertEquals("corrupt", status(id));
    }

    @Test
    void storedRangesChangedWithTheirRowsDoNotAddUpToTheSealedChecksum() {
        long id = backup();
        String named = walletAt(id, 20);
        String sealed = (String) db.single("SELECT checksum FROM gold_backups WHERE id = ?", id);
        // Someone with write access changes a row and recomputes everything in SQL but the seal.
        Forgery.forge(db, id, named);
        db.update("UPDATE gold_backups SET checksum = ? WHERE id = ?", sealed, id);
        restore(id, List.of(named), true).statusCode(409)
                .body("detail", containsString("stored range digests hash to"));
        assertEquals("corrupt", status(id));
    }

    @Test
    void aBackupTakenBeforeRangesVerifiesAndRestoresOnItsFlatChecksum() {
        long id = backup();
        // As the release before took it: version 1, a flat SHA-256, no ranges, sealed over those.
        db.update("UPDATE gold_backups SET snapshot_version = 1 WHERE id = ?", id);
        db.update("DELETE FROM gold_backup_ranges WHERE backup_id = ?", id);
        Forgery.rehash(db, id);
        database.transaction(io.goldbackup.db.Isolation.READ_COMMITTED, false, session -> {
            verifier.seal(session, id);
            return null;
        });
        String named = walletAt(id, 5);
        db.update("UPDATE gold_mining SET accumulated_gold = 7 WHERE wallet_address = ?", named);

        given().auth().oauth2(Tokens.operator()).post("/api/v1/backups/" + id + "/verify").then().statusCode(200)
                .body("ok", equalTo(true)).body("seal", equalTo("valid"));
        restore(id, List.of(named), false).statusCode(200).body("status", equalTo("completed"));
        assertEquals(((Number) db.single("SELECT current_gold FROM gold_backup_wallets WHERE backup_id = ? "
                + "AND wallet_address = ?", id, named)).doubleValue(),
                ((Number) db.single("SELECT accumulated_gold FROM gold_mining WHERE wallet_address = ?", named))
                        .doubleValue());
        tamper(id, walletAt(id, 500));
        restore(id, List.of(named), true).statusCode(409);
    }
}
