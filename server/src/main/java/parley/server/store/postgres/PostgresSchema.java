package parley.server.store.postgres;

import org.flywaydb.core.Flyway;

/**
 * Brings a PostgreSQL database to the newest schema with Flyway: the versioned scripts
 * {@code V<n>__<what>.sql} under {@code db/postgres} on the class path, each applied once, in its
 * own transaction, and recorded in Flyway's history table. Several nodes starting at once on one
 * database are safe: Flyway holds a PostgreSQL advisory lock while it migrates, so one node applies
 * the scripts and the others find them applied. A database whose applied scripts no longer match
 * the class path (an edited script) is refused rather than guessed at.
 */
final class PostgresSchema {

    static final String LOCATION = "classpath:db/postgres";

    private PostgresSchema() {
    }

    /**
     * Applies the missing migrations; returns how many ran. Runs on connections of its own, made
     * from the options alone, without the pool's statement timeout: a future migration of a big
     * table may rightly take minutes.
     */
    static int migrate(PostgresOptions options) {
        Flyway flyway = Flyway.configure(PostgresSchema.class.getClassLoader())
                .dataSource(options.jdbcUrl(), options.user(), options.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
        return flyway.migrate().migrationsExecuted;
    }
}
