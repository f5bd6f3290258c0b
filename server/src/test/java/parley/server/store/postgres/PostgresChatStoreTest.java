package parley.server.store.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.server.store.ChatStoreContract;
import parley.server.store.Storage;

/** The chat store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresChatStoreTest extends ChatStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected Storage openStorage(Path dir) {
        return databases.open(dir);
    }
}
