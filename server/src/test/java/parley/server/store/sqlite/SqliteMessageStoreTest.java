package parley.server.store.sqlite;

import java.nio.file.Path;
import parley.server.store.MessageStoreContract;
import parley.server.store.Storage;

/** The message store contract on a real SQLite file. */
class SqliteMessageStoreTest extends MessageStoreContract {

    /** One byte past the schema's ceiling of 1 MiB of UTF-8 a message body. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    @Override
    protected Storage openStorage(Path dir) {
        return SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
    }

    @Override
    protected String textTheStoreRejects() {
        return "x".repeat(MAX_BODY_BYTES + 1);
    }
}
