package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.MediaStoreContract;
import parley.server.store.Storage;

/** The media store contract on a real SQLite file. */
class SqliteMediaStoreTest extends MediaStoreContract {

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }
}
