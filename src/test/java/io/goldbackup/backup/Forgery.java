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

    /** Adds a million gold to {@code wallet}'s row of backup {@code id} and recomputes the backup's checksum. */
    public static void forge(Db db, long id, String wallet) {
        db.update("UPDATE gold_backup_wallets SET current_gold = current_gold + 1000000 "
                + "WHERE backup_id = ? AND wallet_address = ?", id, wallet);
        String line = Arrays.stream(SnapshotRepository.CANONICAL_COLUMNS.split(", "))
                .map(c -> "coalesce(" + c + "::text, '\\N')").collect(Collectors.joining(", "));
        db.execute("""
                SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1;
                UPDATE gold_backups SET checksum = (
                    SELECT encode(sha256(convert_to(
                               string_agg(concat_ws(E'\\t', %s), E'\\n' ORDER BY wallet_address) || E'\\n', 'UTF8')),
                           'hex')
                    FROM gold_backup_wallets WHERE backup_id = %d)
                WHERE id = %d;
                RESET TimeZone; RESET DateStyle; RESET extra_float_digits;
                """.formatted(line, id, id));
    }
}
