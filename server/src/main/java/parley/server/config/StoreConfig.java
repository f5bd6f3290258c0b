package parley.server.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the node keeps its data: the embedded SQLite file under the data folder (the default),
 * or a PostgreSQL database shared by every node of a cluster.
 */
public record StoreConfig(Kind kind, Path dataDir, Synchronous synchronous, Optional<Postgres> postgres) {

    /** Which store. */
    public enum Kind { SQLITE, POSTGRES }

    /** SQLite's durability level: FULL syncs every commit to disk; NORMAL may lose the last ones on power loss. */
    public enum Synchronous { FULL, NORMAL }

    /** How to reach PostgreSQL. The password is never printed. */
    public record Postgres(String jdbcUrl, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Postgres[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    public Path databaseFile() {
        return dataDir.resolve("parley.db");
    }
}
