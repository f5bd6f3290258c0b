package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import parley.protocol.model.MessageKind;

/**
 * What the store contract suites share: a fresh {@link Storage} per test, opened by the
 * implementation under test, a way to close and open it again (durability), and small helpers.
 * The suites use nothing but the store interfaces, so every implementation runs the same tests.
 */
public abstract class StoreContract {

    /** A moment early in the tests' fixed timeline (epoch ms); later moments are T0 + n. */
    protected static final long T0 = 1_700_000_000_000L;

    @TempDir
    protected Path dir;

    protected Storage storage;

    /**
     * Opens the storage kept in {@code dir}. A new folder gives an empty storage; opening a
     * folder again gives back everything written in it before the last close.
     */
    protected abstract Storage openStorage(Path dir);

    @BeforeEach
    final void openFreshStorage() {
        storage = openStorage(dir);
    }

    @AfterEach
    final void closeStorage() {
        storage.close();
    }

    /** Closes the storage and opens it again on the same folder, as a restart does. */
    protected final void reopen() {
        storage.close();
        storage = openStorage(dir);
    }

    protected final AccountStore accounts() {
        return storage.accounts();
    }

    protected final ChatStore chats() {
        return storage.chats();
    }

    protected final MessageStore messages() {
        return storage.messages();
    }

    /** Registers a user and returns the id. */
    protected final long user(String name) {
        return accounts().createUser(name, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", T0)
                .orElseThrow().id();
    }

    protected static Append text(long chatId, long senderId, String text) {
        return new Append(chatId, senderId, UUID.randomUUID(), MessageKind.TEXT, text);
    }

    protected static Append text(long chatId, long senderId, UUID clientMsgId, String text) {
        return new Append(chatId, senderId, clientMsgId, MessageKind.TEXT, text);
    }

    /** The result, which must be {@link AppendResult.Stored}. */
    protected static AppendResult.Stored stored(AppendResult result) {
        assertThat(result).isInstanceOf(AppendResult.Stored.class);
        return (AppendResult.Stored) result;
    }

    /** Appends one message alone in its batch and returns it as stored. */
    protected final AppendResult.Stored send(long chatId, long senderId, String text, long now) {
        return stored(messages().append(List.of(text(chatId, senderId, text)), now).getFirst());
    }

    protected static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code task} on {@code threads} threads released at the same moment; their results in order. */
    protected static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
