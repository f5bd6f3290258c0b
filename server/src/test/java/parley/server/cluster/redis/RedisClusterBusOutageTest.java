package parley.server.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.server.cluster.LocalSessions;
import parley.server.testing.RedisServer;

/** The bus when Redis restarts, goes away or stops answering: on a Redis of its own. */
class RedisClusterBusOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.create();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void redisRunning() {
        redis.start();
    }

    @Test
    void subscriptionsComeBackWhenRedisRestarts() throws Exception {
        try (RedisClusterBus a = bus("a", RedisOptions.DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(2));
             RedisClusterBus b = bus("b", RedisOptions.DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(2))) {
            Recorder atB = new Recorder();
            a.start(new Recorder());
            b.start(atB);
            b.subscribe(1).toCompletableFuture().get(5, TimeUnit.SECONDS);

            redis.restart();

            awaitDeliveriesFlow(a, atB, 1);
            b.subscribe(1).toCompletableFuture().get(5, TimeUnit.SECONDS);
            b.subscribe(2).toCompletableFuture().get(5, TimeUnit.SECONDS);
            a.deliver(List.of(2L), bytes("new"));
            await(() -> atB.events.contains("deliver [2] new"));
            a.disconnectDevice(9, ErrorCode.SESSION_REVOKED);
            await(() -> atB.events.contains("disconnect 9 session_revoked"));
        }
    }

    @Test
    void anUnsubscribeWhileRedisIsDownStillEndsTheSubscriptionOnceRedisIsBack() throws Exception {
        try (RedisClusterBus a = bus("a", RedisOptions.DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(2));
             RedisClusterBus b = bus("b", RedisOptions.DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(2))) {
            Recorder atB = new Recorder();
            a.start(new Recorder());
            b.start(atB);
            b.subscribe(1).toCompletableFuture().get(5, TimeUnit.SECONDS);
            b.subscribe(2).toCompletableFuture().get(5, TimeUnit.SECONDS);

            redis.stop();
            b.unsubscribe(1);
            redis.start();

            awaitDeliveriesFlow(a, atB, 2);
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int round = 0; ; round++) {
                a.deliver(List.of(1L), bytes("probe " + round));
                a.deliver(List.of(2L), bytes("barrier " + round));
                String barrier = "deliver [2] barrier " + round;
                await(() -> atB.events.contains(barrier));
                if (!atB.events.contains("deliver [1] probe " + round)) {
                    break;
                }
                assertThat(System.nanoTime()).as("still subscribed to user 1").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(b.stats().subscribedUsers()).isEqualTo(1);
        }
    }

    @Test
    void whileRedisIsDownDeliverReturnsAtOnceAndDrops() throws Exception {
        try (RedisClusterBus a = bus("a", 1_000, Duration.ofSeconds(10));
             RedisClusterBus b = bus("b", 1_000, Duration.ofSeconds(10))) {
            Recorder atB = new Recorder();
            a.start(new Recorder());
            b.start(atB);
            b.subscribe(1).toCompletableFuture().get(5, TimeUnit.SECONDS);

            redis.stop();
            long slowest = 0;
            for (int i = 0; i < 20_000; i++) {
                long started = System.nanoTime();
                a.deliver(List.of(1L, 2L, 3L), bytes("while down " + i));
                slowest = Math.max(slowest, System.nanoTime() - started);
                assertThat(a.stats().inFlight()).isLessThanOrEqualTo(1_000);
            }
            // waiting for Redis would take the command timeout (10 s) or forever; a busy machine, far less
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
            await(() -> a.stats().inFlight() == 0 && a.stats().dropped() == 60_000);
            long started = System.nanoTime();
            assertThatThrownBy(() -> b.subscribe(4).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without waiting for the timeout")
                    .isLessThan(Duration.ofSeconds(5));
            b.unsubscribe(4);

            redis.start();
            awaitDeliveriesFlow(a, atB, 1);
        }
    }

    @Test
    void aStuckRedisFillsTheBoundThenDeliveriesAreDropped() throws Exception {
        try (RedisClusterBus a = bus("a", 100, Duration.ofMillis(500));
             RedisClusterBus b = bus("b", 100, Duration.ofMillis(500))) {
            Recorder atB = new Recorder();
            a.start(new Recorder());
            b.start(atB);
            b.subscribe(1).toCompletableFuture().get(5, TimeUnit.SECONDS);

            redis.freeze();
            try {
                long started = System.nanoTime();
                for (int i = 0; i < 10_000; i++) {
                    a.deliver(List.of(1L), bytes("while stuck " + i));
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(a.stats().inFlight()).isLessThanOrEqualTo(100);
                assertThat(a.stats().dropped()).isGreaterThanOrEqualTo(9_900);
                assertThatThrownBy(() -> b.subscribe(5).toCompletableFuture().get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
                b.unsubscribe(5);
            } finally {
                redis.thaw();
            }
            awaitDeliveriesFlow(a, atB, 1);
        }
    }

    private static RedisClusterBus bus(String node, int maxInFlight, Duration timeout) {
        return new RedisClusterBus(new RedisOptions(redis.uri(), node, timeout, maxInFlight));
    }

    /** Delivers probes to the user every 20 ms until one arrives. */
    private static void awaitDeliveriesFlow(RedisClusterBus publisher, Recorder receiver, long user) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            publisher.deliver(List.of(user), bytes("probe " + i));
            Thread.sleep(20);
            if (receiver.events.stream().anyMatch(e -> e.startsWith("deliver [" + user + "] probe"))) {
                return;
            }
        }
        throw new AssertionError("deliveries to user " + user + " did not flow again within " + WAIT);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Recorder implements LocalSessions {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(Collection<Long> userIds, byte[] frame) {
            events.add("deliver " + userIds + " " + new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void disconnectDevice(long deviceId, ErrorCode reason) {
            events.add("disconnect " + deviceId + " " + reason.wire());
        }
    }
}
