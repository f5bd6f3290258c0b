package parley.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import parley.protocol.model.MessageKind;
import parley.server.store.Append;
import parley.server.store.AppendResult;
import parley.server.store.MessageStore;
import parley.server.store.sqlite.SqliteOptions;
import parley.server.store.sqlite.SqliteStorage;

/**
 * The store's append path as the group commit writer drives it: one {@code MessageStore.append}
 * call per batch, one transaction and (with {@code synchronous=FULL}) one fsync of the WAL per
 * call. Each benchmark appends batches of a fixed size (1, 16, 256) spread round-robin over
 * {@link #CHATS} one-on-one chats; scores are <em>messages</em> per second (the batch size is the
 * operations per invocation), so commits per second are the score divided by the batch size.
 *
 * <p>A real SQLite file in a temporary folder (on the disk the temp folder is on: say which when
 * quoting numbers), removed after each trial. The database grows over the trial, as a server's
 * does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class StoreAppendBenchmark {
    static final int CHATS = 64;
    private static final String TEXT = "x".repeat(100);

    /** SQLite's PRAGMA synchronous: FULL fsyncs the WAL at every commit, NORMAL does not. */
    @Param({"FULL", "NORMAL"})
    SqliteOptions.Synchronous synchronous;

    private Path folder;
    private SqliteStorage storage;
    private MessageStore messages;
    private long[] chatIds;
    private long[] senderIds;
    private long nextId;
    private int nextChat;

    @Setup
    public void open() throws IOException {
        folder = Files.createTempDirectory("parley-store-bench");
        storage = SqliteStorage.open(folder.resolve("parley.db"), SqliteOptions.defaults().withSynchronous(synchronous));
        long now = System.currentTimeMillis();
        chatIds = new long[CHATS];
        senderIds = new long[CHATS];
        for (int i = 0; i < CHATS; i++) {
            long a = storage.accounts().createUser("sender" + i, "not-a-real-hash", now).orElseThrow().id();
            long b = storage.accounts().createUser("recipient" + i, "not-a-real-hash", now).orElseThrow().id();
            chatIds[i] = storage.chats().openDirect(a, b, now);
            senderIds[i] = a;
        }
        messages = storage.messages();
    }

    @TearDown
    public void close() throws IOException {
        storage.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public List<AppendResult> batchOf1() {
        return append(1);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public List<AppendResult> batchOf16() {
        return append(16);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public List<AppendResult> batchOf256() {
        return append(256);
    }

    private List<AppendResult> append(int size) {
        List<Append> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int chat = nextChat;
            nextChat = (nextChat + 1) % CHATS;
            batch.add(new Append(chatIds[chat], senderIds[chat], new UUID(0x5eed_0000_0000_4000L, nextId++),
                    MessageKind.TEXT, TEXT));
        }
        return messages.append(batch, System.currentTimeMillis());
    }
}
