package parley.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import parley.client.http.ParleyHttp;
import parley.protocol.api.LoginResponse;

/**
 * Makes the run's users and chats through the public HTTP API, as an app would: for each pair,
 * registers and logs in two fresh users (names carry a random run id, so runs never collide) and
 * opens their one-on-one chat.
 *
 * <p>Cost: a registration and a login are each one Argon2id hash on the server (19 MiB, tens of
 * milliseconds of a core), so provisioning N pairs costs 4N hashes: about a minute for 200 pairs on
 * two cores. At most {@code threads} calls are in flight. A bulk path is a later task.
 */
public final class Provisioner {
    private static final String PASSWORD = "parley-bench-password";
    private static final Duration PER_PAIR_TIMEOUT = Duration.ofMinutes(2);

    private final ParleyHttp http;
    private final int threads;
    private final RandomGenerator random;
    private final PrintStream log;

    public Provisioner(ParleyHttp http, int threads, RandomGenerator random, PrintStream log) {
        this.http = http;
        this.threads = threads;
        this.random = random;
        this.log = log;
    }

    /**
     * Provisions {@code pairs} chats between users made in bulk through the operator endpoint (no
     * password hash per user); only the chats are opened one by one.
     */
    public List<ChatPair> provision(int pairs, AdminProvisioner admin) throws InterruptedException {
        List<BenchUser> users = admin.users(2 * pairs, "p");
        return inPool(pairs, i -> {
            BenchUser first = users.get(2 * i);
            BenchUser second = users.get(2 * i + 1);
            return new ChatPair(http.openDirect(first.token(), second.username()).chatId(), first, second);
        }, "opened");
    }

    /** Provisions {@code pairs} chats; fails with the first error (e.g. the server is unreachable). */
    public List<ChatPair> provision(int pairs) throws InterruptedException {
        String runId = runId();
        return inPool(pairs, i -> pair("b" + runId + "_" + i), "provisioned");
    }

    private List<ChatPair> inPool(int pairs, java.util.function.IntFunction<ChatPair> make, String verb)
            throws InterruptedException {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("bench-provision-", 0).factory());
        try {
            List<CompletableFuture<ChatPair>> futures = new ArrayList<>(pairs);
            for (int i = 0; i < pairs; i++) {
                int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> make.apply(index), pool));
            }
            List<ChatPair> result = new ArrayList<>(pairs);
            for (CompletableFuture<ChatPair> future : futures) {
                result.add(future.get(PER_PAIR_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                if (result.size() % 50 == 0 && result.size() < pairs) {
                    log.printf("  %s %d of %d pairs%n", verb, result.size(), pairs);
                }
            }
            log.printf("%s %d pairs (%d users) in %.1f s%n", verb, pairs, 2 * pairs, (System.nanoTime() - started) / 1e9);
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("provisioning failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("provisioning a pair took over " + PER_PAIR_TIMEOUT.toSeconds() + " s", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private ChatPair pair(String prefix) {
        BenchUser first = user(prefix + "a");
        BenchUser second = user(prefix + "b");
        long chatId = http.openDirect(first.token(), second.username()).chatId();
        return new ChatPair(chatId, first, second);
    }

    private BenchUser user(String username) {
        http.register(username, PASSWORD);
        LoginResponse login = http.login(username, PASSWORD, "parley-bench");
        return new BenchUser(login.username(), login.userId(), login.token());
    }

    private String runId() {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
