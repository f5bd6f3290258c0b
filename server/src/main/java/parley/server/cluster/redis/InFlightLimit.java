package parley.server.cluster.redis;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on the commands one connection has waiting for Redis. A permit is taken before a command
 * is dispatched and given back when the command ends: Redis answered, or the connection dropped and
 * Lettuce failed it. Never on a caller's timeout: until the command ends, Lettuce still holds it
 * (and its payload) to match Redis's reply, so releasing earlier would let a stuck Redis pile up
 * commands without bound. With the permits taken and released this way, what waits for Redis on the
 * connection never exceeds the bound, whatever Redis does.
 *
 * <p>Thread-safe and lock-free: one atomic counter.
 */
public final class InFlightLimit {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the in-flight bound must be positive, not " + max);
        }
        this.max = max;
    }

    /** Takes up to {@code wanted} permits, as many as are free; returns how many it took. Never waits. */
    public int tryAcquire(int wanted) {
        while (true) {
            int current = inFlight.get();
            int granted = Math.min(wanted, max - current);
            if (granted <= 0) {
                return 0;
            }
            if (inFlight.compareAndSet(current, current + granted)) {
                return granted;
            }
        }
    }

    /** Takes one permit if one is free. */
    public boolean tryAcquire() {
        return tryAcquire(1) == 1;
    }

    /** Gives one permit back: a command ended. */
    public void release() {
        inFlight.decrementAndGet();
    }

    /** Commands waiting for Redis now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }
}
