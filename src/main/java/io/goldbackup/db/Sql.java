package io.goldbackup.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs JDBC work and turns its {@link SQLException} into a {@link DatabaseException}: the repositories' one idiom. */
public final class Sql {

    private Sql() {
    }

    /** JDBC work that answers a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** JDBC work with no answer. */
    @FunctionalInterface
    public interface Action {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work}.
     *
     * @param what what the work does, for the message: "reading the restore log"
     */
    public static <T> T call(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new DatabaseException(what + " failed", e);
        }
    }

    /** Runs {@code action}. */
    public static void run(String what, Action action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** The first column of every row {@code sql} answers, as text. */
    public static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
