package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.AccountStoreContract;
import parley.server.store.Storage;

/** The account store contract on a real SQLite file. */
class SqliteAccountStoreTest extends AccountStoreContract {

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }
}
