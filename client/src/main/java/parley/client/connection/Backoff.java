package parley.client.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential backoff with full jitter. Retry {@code n} (counting from 0 since
 * the last {@link #reset}) waits a uniformly random time in {@code [0, min(cap, base * 2^n)]}, so
 * that many clients dropped at once (a server restart) do not come back in lockstep.
 *
 * <p>Not thread-safe: confined to the connection's I/O thread.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.capMillis = Math.max(baseMillis, cap.toMillis());
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before the next attempt; counts the attempt. */
    public Duration next() {
        long ceiling = ceilingMillis(attempt);
        attempt = attempt == Integer.MAX_VALUE ? attempt : attempt + 1;
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** A connection succeeded: the next delay starts from {@code base} again. */
    public void reset() {
        attempt = 0;
    }

    /** Attempts counted since the last reset. */
    public int attempts() {
        return attempt;
    }

    /** The largest delay of attempt {@code n}: {@code min(cap, base * 2^n)}. */
    public Duration ceiling(int n) {
        return Duration.ofMillis(ceilingMillis(n));
    }

    private long ceilingMillis(int n) {
        if (n >= 62) {
            return capMillis;
        }
        long factor = 1L << n;
        return baseMillis > capMillis / factor ? capMillis : Math.min(capMillis, baseMillis * factor);
    }
}
