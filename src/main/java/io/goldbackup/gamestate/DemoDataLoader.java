package io.goldbackup.gamestate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dev mode only: gives an empty database demo wallets so the service has something to show. */
@IfBuildProfile("dev")
@ApplicationScoped
class DemoDataLoader {

    /** The dev-mode demo data. */
    @ConfigMapping(prefix = "gold-backup.dev")
    interface DemoDataConfig {
        /** Demo wallets seeded into an empty database in dev mode; default 1000, 0 seeds none. */
        @WithDefault("1000")
        long seedWallets();

        /** Meks per demo wallet; default 8. */
        @WithDefault("8")
        int meksPerWallet();
    }

    private final AgroalDataSource dataSource;
    private final DemoDataConfig config;

    DemoDataLoader(AgroalDataSource dataSource, DemoDataConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.seedWallets() <= 0 || !liveTablesEmpty()) {
            return;
        }
        GameStateSeeder.seed(dataSource, 1, config.seedWallets(), config.meksPerWallet());
        Log.infof("Dev mode: seeded %,d demo wallets (gold-backup.dev.seed-wallets)", config.seedWallets());
    }

    private boolean liveTablesEmpty() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM gold_mining)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("checking the live tables failed", e);
        }
    }
}
