package io.goldbackup.backup;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.goldbackup.testsupport.Db;

/**
 * What someone with write access to the database can do to a backup: change a row and recompute its checksum in SQL,
 * the same canonical text and SHA-256 the service uses. Only the seal can tell.
 */
public final class Forgery {

    private Forgery() {
    }

    /**
     * Adds a million gold to {@code wallet}'s row of backup {@code id} and recomputes the backup's checksum as the
     * service would for its snapshot version: flat, or (version 2) the hash tree with its stored ranges rewritten too.
     */
    public static void forge(Db db, long id, String wallet) {
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 1000000 "
                + "WHERE backup_id = ? AND wallet_address = ?", id, wallet);
        rehash(db, id);
    }

    /** Recomputes backup {@code id}'s checksum (and ranges) in SQL from its rows as they are now. */
    public static void rehash(Db db, long id) {
        String line = Arrays.stream(SnapshotRepository.CANONICAL_COLUMNS.split(", "))
                .map(c -> "coalesce(" + c + "::text, '\\N')").collect(Collectors.joining(", "));
        int version = ((Number) db.single("SELECT snapshot_version FROM gold_backups WHERE id = ?", id)).intValue();
        String canonical = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1;";
        String reset = "RESET TimeZone; RESET DateStyle; RESET extra_float_digits;";
        if (version == RowDigest.FLAT) {
            db.execute(canonical
                    + """
                            UPDATE gold_backups SET checksum = (
                                SELECT encode(sha256(convert_to(
                                           string_agg(concat_ws(E'\\t', %s), E'\\n' ORDER BY wallet_address) || E'\\n', 'UTF8')),
                                       'hex')
                                FROM gold_backup_wallets WHERE backup_id = %d)
                            WHERE id = %d;
                            """
                            .formatted(line, id, id)
                    + reset);
            return;
        }
        db.execute(canonical + """
                DELETE FROM gold_backup_ranges WHERE backup_id = %2$d;
                INSERT INTO gold_backup_ranges (backup_id, range_no, last_address, wallets, sha256)
                SELECT %2$d, range_no, max(wallet_address), count(*),
                       sha256(convert_to(string_agg(line, '' ORDER BY wallet_address), 'UTF8'))
                FROM (SELECT (row_number() OVER (ORDER BY wallet_address) - 1) / %3$d AS range_no, wallet_address,
                             concat_ws(E'\\t', %1$s) || E'\\n' AS line
                      FROM gold_backup_wallets WHERE backup_id = %2$d) l
                GROUP BY range_no;
                UPDATE gold_backups SET checksum = (
                    SELECT encode(sha256(convert_to(coalesce(
                               string_agg(encode(sha256, 'hex') || E'\\n', '' ORDER BY range_no), ''), 'UTF8')), 'hex')
                    FROM gold_backup_ranges WHERE backup_id = %2$d)
                WHERE id = %2$d;
                """.formatted(line, id, RowDigest.RANGE_WALLETS) + reset);
    }
}
