package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.QuotaStoreContract;
import parley.server.store.Storage;

/** The quota store contract on a real SQLite file. */
class SqliteQuotaStoreTest extends QuotaStoreContract {

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }
}
