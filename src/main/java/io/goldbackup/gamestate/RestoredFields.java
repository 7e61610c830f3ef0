package io.goldbackup.gamestate;

/**
 * Whether a restore would change a live wallet: the one predicate behind the plan's {@code walletsToChange}, the
 * wallets a restore writes and those its safety snapshot holds, as SQL over a backup row and the live rows, so that
 * all three decide the same wallets inside PostgreSQL.
 * <p>
 * A restore writes a wallet's gold (the backup's gold at backup time, accruing again from the restore) and rate, and
 * the player's level, experience and bank balance where the backup holds a player row. The gold differs when the
 * wallet's gold at the restore's time ({@link GoldRule}) or its rate is not the backup's; the player differs when
 * the backup holds a player row and the live one is missing or holds other values.
 */
public final class RestoredFields {

    private RestoredFields() {
    }

    /**
     * The restored mining fields of live row {@code mining} differ from backup row {@code backup} at the timestamptz
     * SQL expression {@code asOf}.
     */
    public static String goldDiffers(String mining, String backup, String asOf) {
        return "(%1$s <> %2$s.current_gold OR %3$s.total_gold_per_hour <> %2$s.gold_per_hour)"
                .formatted(GoldRule.currentGold(mining, asOf), backup, mining);
    }

    /**
     * The backup row {@code backup} holds a player and live player row {@code player} (left-joined: null when
     * missing) differs from it.
     */
    public static String playerDiffers(String player, String backup) {
        return """
                (%2$s.level IS NOT NULL AND (%1$s.level IS DISTINCT FROM %2$s.level
                    OR %1$s.experience IS DISTINCT FROM %2$s.experience
                    OR %1$s.bank_balance IS DISTINCT FROM %2$s.bank_balance))""".formatted(player, backup);
    }
}
