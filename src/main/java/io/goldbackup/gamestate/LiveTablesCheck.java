package io.goldbackup.gamestate;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.goldbackup.db.SchemaConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * At start, before anything else of the service runs: the game's tables must have every column a backup reads and a
 * restore writes, with a compatible type and the rights to use them. Otherwise the start stops with one error that
 * names every problem, rather than the first backup failing at night. Readiness repeats the check
 * ({@code live-tables}) in case the tables change later.
 */
@ApplicationScoped
class LiveTablesCheck {

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event, LiveTablesRepository tables,
            SchemaConfig schemas) {
        List<String> problems = tables.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(message(schemas, problems));
        }
        Log.infof("The game's tables in schema %s have what backups and restores need", schemas.live());
    }

    /** The one error a start with unusable game tables stops with. */
    static String message(SchemaConfig schemas, List<String> problems) {
        return "The game's tables in schema \"" + schemas.live() + "\" (gold-backup.live.schema) cannot be "
                + "backed up or restored: " + String.join("; ", problems)
                + ". Point gold-backup.live.schema at the game's schema, or fix the tables or the role's grants (README,"
                + " \"Running against the game's database\").";
    }
}
