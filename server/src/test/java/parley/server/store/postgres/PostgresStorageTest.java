package parley.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.protocol.model.MessageKind;
import parley.server.store.Append;
import parley.server.store.AppendResult;
import parley.server.store.HistoryQuery;
import parley.server.testing.PostgresServer;

/**
 * Opening the cluster storage, and how it fails: at open with a message a person can act on, and
 * while running (the database goes away) fast, with a retryable error, and whole again afterwards.
 */
class PostgresStorageTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aWrongPasswordFailsAtOpenSayingSo() {
        PostgresServer server = databases.server();
        String database = databases.create();
        PostgresOptions options = new PostgresOptions(server.jdbcUrl(database), server.user(), "not-the-password");

        long started = System.nanoTime();
        assertThatThrownBy(() -> PostgresStorage.open(options))
                .isInstanceOf(PostgresStorageException.class)
                .hasMessage("cannot connect to PostgreSQL at " + server.jdbcUrl(database) + " as user 'parley':"
                        + " password authentication failed for user \"parley\"");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPortNobodyListensOnFailsAtOnceSayingSo() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/parley";

        long started = System.nanoTime();
        assertThatThrownBy(() -> PostgresStorage.open(new PostgresOptions(url, "parley", "secret")))
                .isInstanceOf(PostgresStorageException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at " + url + " as user 'parley': ")
                .hasMessageContaining("127.0.0.1:" + port + " refused");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownDatabaseFailsAtOpenSayingSo() {
        PostgresServer server = databases.server();

        assertThatThrownBy(() -> PostgresStorage.open(server.options("no_such_database")))
                .isInstanceOf(PostgresStorageException.class)
                .hasMessageContaining("as user 'parley': database \"no_such_database\" does not exist");
    }

    @Test
    void aPasswordInTheUrlIsNeverShown() {
        PostgresServer server = databases.server();
        String url = server.jdbcUrl("no_such_database") + "?password=hunter2&ssl=false";

        assertThatThrownBy(() -> PostgresStorage.open(new PostgresOptions(url, server.user(), server.password())))
                .isInstanceOf(PostgresStorageException.class)
                .hasMessageContaining("?password=***&ssl=false")
                .hasMessageNotContaining("hunter2");
        assertThat(new PostgresOptions(url, "parley", "hunter3").toString())
                .doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void openingTwiceFindsTheSchemaInPlace() {
        PostgresServer server = databases.server();
        String database = databases.create();
        long alice;
        try (PostgresStorage storage = PostgresStorage.open(server.options(database))) {
            alice = storage.accounts().createUser("alice", HASH, T0).orElseThrow().id();
        }
        try (PostgresStorage storage = PostgresStorage.open(server.options(database))) {
            assertThat(storage.accounts().findUser(alice)).isPresent();
        }
    }

    /**
     * The database goes down under a running node: a send fails within about the connection
     * timeout with a store error (which the chat layer answers with "unavailable; retry"), the
     * acknowledged messages survive a crash of the database, and once it is back the same storage
     * serves again, the order going on where it stopped.
     */
    @Test
    void whileTheDatabaseIsDownWritesFailFastAndAfterwardsTheyGoOn() {
        try (PostgresServer server = PostgresServer.create()) {
            String database = server.newDatabase();
            PostgresOptions options = server.options(database).withConnectionTimeout(Duration.ofSeconds(1));
            try (PostgresStorage storage = PostgresStorage.open(options)) {
                long alice = storage.accounts().createUser("alice", HASH, T0).orElseThrow().id();
                long bob = storage.accounts().createUser("bob", HASH, T0).orElseThrow().id();
                long chat = storage.chats().openDirect(alice, bob, T0);
                assertThat(seqOf(storage.messages().append(List.of(text(chat, alice)), T0 + 1))).isEqualTo(1);

                server.crash();

                long started = System.nanoTime();
                assertThatThrownBy(() -> storage.messages().append(List.of(text(chat, alice)), T0 + 2))
                        .isInstanceOf(PostgresStorageException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

                server.start();

                assertThat(seqOf(appendRetrying(storage, text(chat, bob), T0 + 3))).isEqualTo(2);
                assertThat(storage.messages().history(chat, new HistoryQuery(null, null, 10)).messages())
                        .extracting(message -> message.senderId()).containsExactly(alice, bob);
            }
        }
    }

    /**
     * The database stops answering without closing anything (a hung machine, a cut network): a
     * send fails after the driver's socket timeout (30 s by default, 1 s here) instead of stalling
     * the node's writer, and once the database answers again the storage serves again.
     */
    @Test
    void aFrozenDatabaseFailsWritesAfterTheSocketTimeoutAndAfterwardsTheyGoOn() {
        try (PostgresServer server = PostgresServer.create()) {
            String url = server.jdbcUrl(server.newDatabase()) + "?socketTimeout=1";
            PostgresOptions options = new PostgresOptions(url, server.user(), server.password())
                    .withConnectionTimeout(Duration.ofSeconds(1));
            try (PostgresStorage storage = PostgresStorage.open(options)) {
                long alice = storage.accounts().createUser("alice", HASH, T0).orElseThrow().id();
                long chat = storage.chats().openDirect(alice, alice, T0);
                Append first = text(chat, alice);
                assertThat(seqOf(storage.messages().append(List.of(first), T0 + 1))).isEqualTo(1);

                server.freeze();
                long started = System.nanoTime();
                try {
                    assertThatThrownBy(() -> storage.messages().append(List.of(text(chat, alice)), T0 + 2))
                            .isInstanceOf(PostgresStorageException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                } finally {
                    server.thaw();
                }

                assertThat(seqOf(appendRetrying(storage, text(chat, alice), T0 + 3))).isEqualTo(2);
                assertThat(seqOf(appendRetrying(storage, first, T0 + 4))).as("a retry of the first").isEqualTo(1);
            }
        }
    }

    private static Append text(long chat, long sender) {
        return new Append(chat, sender, UUID.randomUUID(), MessageKind.TEXT, "hello");
    }

    private static long seqOf(List<AppendResult> results) {
        return ((AppendResult.Stored) results.getFirst()).message().seq();
    }

    /** Appends, retrying while the pool replaces the connections the restart broke. */
    private static List<AppendResult> appendRetrying(PostgresStorage storage, Append append, long now) {
        PostgresStorageException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                return storage.messages().append(List.of(append), now);
            } catch (PostgresStorageException e) {
                last = e;
                sleep(Duration.ofMillis(250));
            }
        }
        throw last;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
