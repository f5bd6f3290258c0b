package parley.server.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import parley.server.store.Storage;
import parley.server.testing.PostgresServer;

/**
 * Fresh databases on the shared PostgreSQL server for one test, dropped after it (after its
 * {@code @AfterEach} methods have closed its storages). Register it as a field:
 * {@code @RegisterExtension final TestDatabases databases = new TestDatabases();}.
 *
 * <p>{@link #open(Path)} lets the contract suites, which think in folders, keep one database per
 * folder: the first open in a folder creates a database and notes its name there; opening the
 * folder again opens that database again, as a restart does.
 */
final class TestDatabases implements AfterEachCallback {

    private static final String NOTE = "postgres-database";

    private final List<String> created = new ArrayList<>();

    PostgresServer server() {
        return PostgresServer.shared();
    }

    /** A fresh, empty database; its name. */
    synchronized String create() {
        String database = server().newDatabase();
        created.add(database);
        return database;
    }

    /** The storage on the folder's database, created on the folder's first open. */
    Storage open(Path dir) {
        Path note = dir.resolve(NOTE);
        try {
            String database;
            if (Files.exists(note)) {
                database = Files.readString(note).trim();
            } else {
                database = create();
                Files.writeString(note, database);
            }
            return PostgresStorage.open(server().options(database));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        for (String database : created) {
            server().dropDatabase(database);
        }
        created.clear();
    }
}
