package parley.server.store.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.server.store.GroupStoreContract;
import parley.server.store.Storage;

/** The group store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresGroupStoreTest extends GroupStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected Storage openStorage(Path dir) {
        return databases.open(dir);
    }
}
