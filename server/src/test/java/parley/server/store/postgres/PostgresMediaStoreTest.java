package parley.server.store.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.server.store.MediaStoreContract;
import parley.server.store.Storage;

/** The media store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresMediaStoreTest extends MediaStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected Storage openStorage(Path dir) {
        return databases.open(dir);
    }
}
