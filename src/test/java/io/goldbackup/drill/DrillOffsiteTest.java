package io.goldbackup.drill;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.Db;
import io.goldbackup.testsupport.S3ProxyResource;
import io.goldbackup.testsupport.TableRows;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Off-site drills against a real object store (s3proxy): the copy is downloaded, decrypted and checked as an import
 * checks it, restored into the scratch tables and held against the backup; a copy that was changed in the bucket fails
 * the drill naming the object. The game's tables, the backups and the bucket's listing are as before.
 */
@QuarkusTest
@TestProfile(S3ProxyResource.Profile.class)
class DrillOffsiteTest {

    @Inject
    Db db;

    @BeforeEach
    void reset() {
        db.reset();
        db.execute("DELETE FROM offsite_copies");
        db.execute("DELETE FROM drills");
        db.seed(1, 250);
    }

    @AfterEach
    void clear() {
        db.execute("DELETE FROM drills");
    }

    private static String copied(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonPath copies = given().auth().oauth2(Tokens.viewer()).get("/api/v1/backups/" + id + "/copies").then()
                    .statusCode(200).extract().jsonPath();
            if ("completed".equals(copies.getString("[0].status"))) {
                return copies.getString("[0].objectKey");
            }
            assertTrue(Instant.now().isBefore(deadline), "never copied: " + copies.prettify());
            Thread.sleep(100);
        }
    }

    @Test
    void anOffsiteDrillRestoresTheCopyAndPassesEveryInvariant() throws Exception {
        long id = DrillTest.backup();
        copied(id);
        TableRows before = db.liveRows();

        JsonPath drill = DrillTest.drill("{\"source\":\"offsite\",\"target\":\"primary\"}").statusCode(201)
                .body("status", equalTo("passed"))
                .body("source", equalTo("offsite"))
                .body("target", equalTo("primary"))
                .body("backupId", equalTo((int) id))
                .body("walletCount", equalTo(250))
                .body("invariants.ok", everyItem(equalTo(true)))
                .body("invariants.find { it.name == 'checksum' }.detail",
                        containsString("manifest verifies under key test1"))
                .body("invariants.find { it.name == 'wallet-count' }.detail",
                        containsString("the copy's manifest records 250"))
                .extract().jsonPath();
        assertEquals(DrillTest.INVARIANTS, drill.getList("invariants.name"));
        db.assertUnchanged(before, "an off-site drill imports nothing and touches no game table");
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname LIKE 'gold_backup_drill_%'"));
        assertEquals(1L, db.count("SELECT count(*) FROM gold_backups"), "nothing imported");
    }

    @Test
    void aCopyChangedInTheBucketFailsTheDrillNamingTheObject() throws Exception {
        long id = DrillTest.backup();
        String object = copied(id);
        S3Client s3 = S3ProxyResource.current().client();
        byte[] original = s3.getObjectAsBytes(r -> r.bucket(S3ProxyResource.BUCKET).key(object)).asByteArray();
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        s3.putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object), RequestBody.fromBytes(flipped));

        DrillTest.drill("{\"backupId\":" + id + ",\"source\":\"offsite\",\"target\":\"primary\"}").statusCode(201)
                .body("status", equalTo("failed"))
                .body("error", containsString(object))
                .body("invariants.find { it.name == 'checksum' }.ok", equalTo(false))
                .body("durationMs", equalTo(null));
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname LIKE 'gold_backup_drill_%'"));
        assertEquals(1L, db.count("SELECT count(*) FROM audit_events WHERE action = 'drill.run' AND outcome = "
                + "'failed' AND detail LIKE ?", "%" + object + "%"));

        // Put back, the same copy passes again; a target that is not configured is bad input.
        s3.putObject(r -> r.bucket(S3ProxyResource.BUCKET).key(object), RequestBody.fromBytes(original));
        DrillTest.drill("{\"source\":\"offsite\",\"target\":\"primary\"}").statusCode(201)
                .body("status", equalTo("passed"));
        DrillTest.drill("{\"source\":\"offsite\",\"target\":\"elsewhere\"}").statusCode(400)
                .body("violations[0].field", equalTo("target"))
                .body("violations[0].message", containsString("primary"));
    }
}
