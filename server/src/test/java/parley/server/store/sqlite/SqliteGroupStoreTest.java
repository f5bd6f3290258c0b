package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.GroupStoreContract;
import parley.server.store.Storage;

/** The group store contract on a real SQLite file. */
class SqliteGroupStoreTest extends GroupStoreContract {

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }
}
