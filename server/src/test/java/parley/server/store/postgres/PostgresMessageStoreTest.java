package parley.server.store.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.server.store.MessageStoreContract;
import parley.server.store.Storage;

/** The message store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresMessageStoreTest extends MessageStoreContract {

    /** The schema's ceiling of 1 MiB of UTF-8 a message body. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected Storage openStorage(Path dir) {
        return databases.open(dir);
    }

    @Override
    protected String textTheStoreRejects() {
        return "x".repeat(MAX_BODY_BYTES + 1);
    }
}
