package io.goldbackup.gamestate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.quarkus.logging.Log;

/**
 * Fills the live tables with demo wallets: valid mainnet stake addresses, eight meks each by default, and a player
 * row per wallet. Addresses come from Java (bech32 checksums) and are streamed with COPY; everything else is
 * generated set-based in PostgreSQL from a deterministic hash, so the same call gives the same data.
 * Used by the dev-mode loader (1,000 wallets) and the benchmark (1,000,000).
 */
public final class GameStateSeeder {

    /** The policy id the demo meks carry. */
    public static final String MEK_POLICY_ID = "ffa56051fda3d106a96f09c3d209d4bf24a117406fb813fb8b4548e3";

    private GameStateSeeder() {
    }

    /** The stake address of demo wallet {@code n}: a valid mainnet address derived from {@code n}. */
    public static String demoAddress(long n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(("mek-tycoon-demo-wallet:" + n).getBytes(StandardCharsets.UTF_8));
            return StakeAddress.encode(true, Arrays.copyOf(hash, 28));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds wallets {@code first .. first + count - 1} with {@code meksPerWallet} meks each, in one transaction.
     */
    public static void seed(DataSource dataSource, long first, long count, int meksPerWallet) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '256MB'");
                st.execute(
                        "CREATE TEMP TABLE seed_wallets (n bigint, wallet_address text COLLATE \"C\") ON COMMIT DROP");
                copyAddresses(c, first, count);
                // Native and set-based: a million wallets are three INSERT ... SELECT statements.
                st.execute("""
                        INSERT INTO gold_mining (wallet_address, accumulated_gold, total_gold_per_hour,
                            last_snapshot_time, last_active_time, is_blockchain_verified,
                            consecutive_snapshot_failures, created_at, updated_at)
                        SELECT s.wallet_address,
                               (abs(hashint8(s.n)) %% 5000000) / 100.0,
                               (SELECT sum(5 + (abs(hashint8(s.n * 64 + k)) %% 4500) / 100.0)
                                  FROM generate_series(1, %1$d) k),
                               now() - make_interval(secs => abs(hashint8(s.n + 7)) %% 172800),
                               now() - make_interval(secs => abs(hashint8(s.n + 11)) %% 86400),
                               abs(hashint8(s.n + 13)) %% 10 <> 0,
                               CASE WHEN abs(hashint8(s.n + 17)) %% 50 = 0 THEN 3 ELSE 0 END,
                               now() - interval '30 days',
                               now()
                        FROM seed_wallets s
                        ORDER BY s.wallet_address
                        """.formatted(meksPerWallet));
                // Bulk-load practice: check the foreign key once for all rows instead of once per row, and
                // insert in key order so the primary key index is appended to rather than split at random.
                st.execute("ALTER TABLE owned_meks DROP CONSTRAINT owned_meks_wallet_fk");
                st.execute("""
                        INSERT INTO owned_meks (wallet_address, asset_id, policy_id, asset_name, gold_per_hour)
                        SELECT s.wallet_address,
                               '%1$s' || encode(convert_to('Mekanism' || (s.n * %2$d + k), 'UTF8'), 'hex'),
                               '%1$s',
                               'Mekanism' || (s.n * %2$d + k),
                               5 + (abs(hashint8(s.n * 64 + k)) %% 4500) / 100.0
                        FROM seed_wallets s CROSS JOIN generate_series(1, %2$d) k
                        ORDER BY 1, 2
                        """.formatted(MEK_POLICY_ID, meksPerWallet));
                st.execute("""
                        ALTER TABLE owned_meks ADD CONSTRAINT owned_meks_wallet_fk FOREIGN KEY (wallet_address)
                            REFERENCES gold_mining (wallet_address) ON DELETE CASCADE
                        """);
                st.execute("""
                        INSERT INTO players (wallet_address, level, experience, bank_balance)
                        SELECT s.wallet_address,
                               1 + abs(hashint8(s.n + 19)) % 60,
                               abs(hashint8(s.n + 23)) % 1000000,
                               (abs(hashint8(s.n + 29)) % 1000000) / 100.0
                        FROM seed_wallets s
                        ORDER BY s.wallet_address
                        """);
                st.execute("ANALYZE gold_mining, owned_meks, players");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("seeding demo wallets failed", e);
        }
        Log.infof("Seeded %,d demo wallets with %d meks each in %,d ms", count, meksPerWallet,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Streams the addresses through COPY in 64 KiB chunks: constant memory for any count. */
    private static void copyAddresses(Connection c, long first, long count) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY seed_wallets (n, wallet_address) FROM STDIN");
        try {
            StringBuilder chunk = new StringBuilder(70_000);
            for (long n = first; n < first + count; n++) {
                chunk.append(n).append('\t').append(demoAddress(n)).append('\n');
                if (chunk.length() > 64_000) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
