package parley.server.health;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the database answers: each check starts a cheap read on a thread of its own (unless the
 * last one is still running) and reports the store stuck when the running read is older than
 * {@code stuckMillis} or the last one failed. The read never runs on the health thread, so a
 * database that hangs cannot hang the health checks with it.
 *
 * <p>Thread-safe: the read's thread and the health thread share only atomics.
 */
public final class StoreProbe implements HealthCheck {
    private final Runnable read;
    private final java.util.concurrent.Executor readThread;
    private final Clock clock;
    private final long stuckMillis;
    /** When the read in progress started, or 0 when none is. */
    private final AtomicLong runningSince = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** A probe whose reads each run on a new daemon thread. */
    public StoreProbe(Runnable read, Clock clock, long stuckMillis) {
        this(read, task -> Thread.ofPlatform().name("parley-store-probe").daemon(true).start(task), clock, stuckMillis);
    }

    /**
     * @param read       a cheap read that throws when the database does not answer
     * @param readThread where each read runs: never the caller's thread
     */
    public StoreProbe(Runnable read, java.util.concurrent.Executor readThread, Clock clock, long stuckMillis) {
        this.read = read;
        this.readThread = readThread;
        this.clock = clock;
        this.stuckMillis = stuckMillis;
    }

    @Override
    public Optional<Problem> check() {
        long now = clock.millis();
        long since = runningSince.get();
        if (since != 0) {
            return now - since > stuckMillis
                    ? HealthCheck.stuck("the database has not answered for " + (now - since) / 1000 + " s")
                    : failure();
        }
        runningSince.set(now);
        readThread.execute(() -> {
            try {
                read.run();
                lastFailure.set(null);
            } catch (RuntimeException e) {
                lastFailure.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } finally {
                runningSince.set(0);
            }
        });
        return failure();
    }

    private Optional<Problem> failure() {
        String failure = lastFailure.get();
        return failure == null ? Optional.empty() : HealthCheck.stuck("the database failed a read: " + failure);
    }
}
