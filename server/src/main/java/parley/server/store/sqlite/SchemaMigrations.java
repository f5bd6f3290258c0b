package parley.server.store.sqlite;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a SQLite database to the newest schema with Flyway: the versioned scripts
 * {@code V<n>__<what>.sql} under {@code db/sqlite} on the class path, each applied once, in its
 * own transaction, and recorded in Flyway's history table. A database whose applied scripts no
 * longer match the class path (an edited script) is refused rather than guessed at.
 */
final class SchemaMigrations {

    static final String LOCATION = "classpath:db/sqlite";

    private SchemaMigrations() {
    }

    /** Applies the missing migrations; returns how many ran. */
    static int apply(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
        return flyway.migrate().migrationsExecuted;
    }
}
