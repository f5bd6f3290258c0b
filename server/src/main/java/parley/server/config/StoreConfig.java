package parley.server.config;

import java.nio.file.Path;

/** Where and how the embedded store keeps its data. */
public record StoreConfig(Path dataDir, Synchronous synchronous) {

    /** SQLite's durability level: FULL syncs every commit to disk; NORMAL may lose the last ones on power loss. */
    public enum Synchronous { FULL, NORMAL }

    public Path databaseFile() {
        return dataDir.resolve("parley.db");
    }
}
