package parley.server.store.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.server.store.QuotaStoreContract;
import parley.server.store.Storage;

/** The quota store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresQuotaStoreTest extends QuotaStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected Storage openStorage(Path dir) {
        return databases.open(dir);
    }
}
