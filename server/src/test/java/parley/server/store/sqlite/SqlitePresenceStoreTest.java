package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.PresenceStoreContract;
import parley.server.store.Storage;

/** The presence store contract on a real SQLite file. */
class SqlitePresenceStoreTest extends PresenceStoreContract {

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }
}
