package io.goldbackup.db;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Opens {@link DbSession sessions} on the service's connection pool. */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A session of its own, in autocommit; close it (try-with-resources) to give the connection back. */
    public DbSession open() {
        return new DbSession(Sql.call("getting a database connection", dataSource::getConnection));
    }

    /** Runs {@code work} in one transaction on a session of its own. */
    public <T> T transaction(Isolation isolation, boolean readOnly, Function<DbSession, T> work) {
        try (DbSession session = open()) {
            return session.transaction(isolation, readOnly, () -> work.apply(session));
        }
    }
}
