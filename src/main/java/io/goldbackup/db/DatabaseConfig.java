package io.goldbackup.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service's sessions behave towards PostgreSQL: dead peers, lock waits, connection budgets, retries. */
@ConfigMapping(prefix = "gold-backup.database")
public interface DatabaseConfig {

    /**
     * PostgreSQL's {@code client_connection_check_interval} (14+) on every connection: how often a running statement
     * checks that this service is still there, so that the statements (and locks) of a killed instance end within
     * seconds; default 2 s, 0 disables it.
     */
    @WithDefault("2s")
    Duration deadClientCheck();

    /** PostgreSQL's {@code tcp_keepalives_idle} on every connection, for a lost node (no FIN); default 10 s. */
    @WithDefault("10s")
    Duration keepaliveIdle();

    /** PostgreSQL's {@code tcp_keepalives_interval} on every connection; default 5 s. */
    @WithDefault("5s")
    Duration keepaliveInterval();

    /** PostgreSQL's {@code tcp_keepalives_count} on every connection; default 3 (a lost node is noticed in 25 s). */
    @WithDefault("3")
    int keepaliveCount();

    /**
     * {@code lock_timeout} of one attempt to lock the live tables (a backup's snapshot, a restore's scope): a waiting
     * lock request queues the game's later writes behind it, so an attempt gives up soon; default 3 s.
     */
    @WithDefault("3s")
    Duration lockTimeout();

    /** How long a backup or restore keeps trying to get its locks, with a doubling pause between tries; default 2 min. */
    @WithDefault("2m")
    Duration lockWaitTotal();

    /**
     * Sessions that long operations (backups, restores, dry runs, verifications, cleanups) may hold at once from the
     * pool; the rest of the pool stays free for reads, probes and the console; default 4.
     */
    @WithDefault("4")
    int operationSessions();

    /** The longest pause between two tries of a write that must not be lost (a failure mark, an audit event); 30 s. */
    @WithDefault("30s")
    Duration retryBackoffMax();

    /**
     * Sessions that only hold an advisory lock while other sessions work (the daily job's day, the cleanup's turn, the
     * verification run's turn) that may be open at once; a further one waits for its turn, then answers 503; default 3.
     */
    @WithDefault("3")
    int lockSessions();

    /**
     * How long one read from the database may block ({@code Connection.setNetworkTimeout}): a database cut off
     * without a word (packets dropped, not refused) ends the call with an error after this instead of after the
     * kernel's TCP retries (about 15 minutes). It must exceed the longest statement: a backup's copy of 1,000,000
     * wallets takes about 7 s here; default 2 min.
     */
    @WithDefault("2m")
    Duration networkTimeout();
}
