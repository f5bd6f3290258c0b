package parley.bench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import parley.server.store.Device;
import parley.server.store.sqlite.SqliteOptions;
import parley.server.store.sqlite.SqliteStorage;

/**
 * The store's read path as every new connection drives it: the device a token belongs to, then its
 * user, each in one read transaction on a reader connection (what the server does to admit a
 * WebSocket). One thread; a real SQLite file in a temporary folder with {@link #USERS} accounts. The score is token checks (two read transactions) per second. On a
 * shared machine that score moves with everyone else's load, so each iteration also prints the
 * benchmark thread's own CPU time per check (from {@link ThreadMXBean}), which does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class StoreReadBenchmark {
    static final int USERS = 10_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Path folder;
    private SqliteStorage storage;
    private byte[][] tokenHashes;
    private int next;
    private long iterationOps;
    private long iterationCpuStart;

    @Setup
    public void open() throws IOException {
        folder = Files.createTempDirectory("parley-read-bench");
        storage = SqliteStorage.open(folder.resolve("parley.db"), SqliteOptions.defaults());
        tokenHashes = new byte[USERS][];
        long now = System.currentTimeMillis();
        for (int i = 0; i < USERS; i++) {
            tokenHashes[i] = sha256("token-" + i);
            long user = storage.accounts().createUser("reader" + i, "not-a-real-hash", now).orElseThrow().id();
            storage.accounts().createDevice(user, "bench", tokenHashes[i], now);
        }
    }

    @Setup(Level.Iteration)
    public void startCpuClock() {
        iterationOps = 0;
        iterationCpuStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuPerCheck() {
        long cpu = THREADS.getCurrentThreadCpuTime() - iterationCpuStart;
        System.out.printf(" [cpu %.1f us per token check over %d checks]", cpu / 1e3 / Math.max(1, iterationOps),
                iterationOps);
    }

    @TearDown
    public void close() throws IOException {
        storage.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** One token check: the live device with this token's hash, then its user. */
    @Benchmark
    public Object tokenCheck() {
        iterationOps++;
        byte[] hash = tokenHashes[next++ % USERS];
        Device device = storage.accounts().findDeviceByTokenHash(hash).orElseThrow();
        return storage.accounts().findUser(device.userId()).orElseThrow();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
