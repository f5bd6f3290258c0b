package parley.server.store.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.server.store.PresenceStoreContract;
import parley.server.store.Storage;

/** The presence store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresPresenceStoreTest extends PresenceStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected Storage openStorage(Path dir) {
        return databases.open(dir);
    }
}
