package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.ChatStoreContract;
import parley.server.store.Storage;

/** The chat store contract on a real SQLite file. */
class SqliteChatStoreTest extends ChatStoreContract {

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }
}
