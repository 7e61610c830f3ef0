package io.goldbackup.gamestate;

/**
 * The game's rule for a wallet's gold at a moment, as a SQL expression over a {@code gold_mining} row, so that
 * backups and statistics compute it inside PostgreSQL for every wallet at once.
 * <p>
 * A blockchain-verified wallet with fewer than three consecutive snapshot failures has earned
 * {@code accumulated_gold + total_gold_per_hour * hours since last_snapshot_time} (no accrual for a snapshot time in
 * the future); any other wallet has its {@code accumulated_gold}. Never negative.
 */
public final class GoldRule {

    /** Consecutive snapshot failures from which a wallet stops accruing. */
    public static final int MAX_SNAPSHOT_FAILURES = 3;

    private GoldRule() {
    }

    /**
     * The current gold of row {@code alias} at the timestamptz SQL expression {@code asOf}.
     * {@code date_part} (double precision) instead of {@code extract} (numeric) keeps the arithmetic in floating
     * point, as the game computes it, and fast over a million rows.
     */
    public static String currentGold(String alias, String asOf) {
        return """
                greatest(0::double precision, CASE
                    WHEN %1$s.is_blockchain_verified
                         AND %1$s.consecutive_snapshot_failures < %3$d
                         AND %1$s.last_snapshot_time IS NOT NULL
                    THEN %1$s.accumulated_gold + %1$s.total_gold_per_hour
                         * greatest(0::double precision, date_part('epoch', %2$s - %1$s.last_snapshot_time) / 3600.0)
                    ELSE %1$s.accumulated_gold
                END)""".formatted(alias, asOf, MAX_SNAPSHOT_FAILURES);
    }
}
