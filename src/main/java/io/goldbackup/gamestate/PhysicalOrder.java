package io.goldbackup.gamestate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether live tables lie on disk in the order of their wallet addresses, as PostgreSQL's statistics tell (the
 * correlation of {@code wallet_address} with the physical order). Where they do, reading a million rows through the
 * address key costs about what a sequential scan does, and streams in address order: merge joins instead of hash
 * tables of a million rows, no sorts. Where they do not (a game's tables fill in the order players come), each row
 * read through the key is a random read, and PostgreSQL's own choice stays.
 */
public final class PhysicalOrder {

    /** The correlation from which a table counts as in address order. */
    static final double IN_ORDER = 0.8;

    private PhysicalOrder() {
    }

    /** Every one of {@code tables} (live tables, resolved on the search path) lies in address order. */
    public static boolean byAddress(Connection c, String... tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE s.correlation >= ?) = cardinality(?::text[])
                FROM unnest(?::text[]) AS t(name)
                JOIN pg_class r ON r.oid = to_regclass(t.name)
                JOIN pg_namespace n ON n.oid = r.relnamespace
                JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = r.relname
                                AND s.attname = 'wallet_address'
                """)) {
            ps.setDouble(1, IN_ORDER);
            ps.setArray(2, c.createArrayOf("text", tables));
            ps.setArray(3, c.createArrayOf("text", tables));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
