package io.goldbackup.gamestate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Reads of the live game tables that are not part of a backup or restore. */
@ApplicationScoped
public class GameStateRepository {

    private final AgroalDataSource dataSource;

    GameStateRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Live totals at {@code asOf}: wallets, gold by the game's rule, and gold per hour, in one scan. */
    public LiveTotals totals(Instant asOf) {
        // Native: the gold rule is a SQL expression evaluated over every wallet in one aggregate.
        String sql = """
                SELECT count(*), coalesce(sum(%s), 0), coalesce(sum(g.total_gold_per_hour), 0)
                FROM gold_mining g
                """.formatted(GoldRule.currentGold("g", "?::timestamptz"));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(asOf));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new LiveTotals(rs.getLong(1), rs.getDouble(2), rs.getDouble(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading live totals failed", e);
        }
    }

    /** Live totals: how many wallets mine, their gold now, and their combined rate. */
    public record LiveTotals(long wallets, double gold, double goldPerHour) {
    }
}
