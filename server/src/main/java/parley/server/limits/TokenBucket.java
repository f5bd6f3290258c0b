package parley.server.limits;

/**
 * A rate limit: up to {@code capacity} events at once, refilled by one every
 * {@code refillMillis}. Synchronized, so one bucket may be shared by threads; each call is a few
 * arithmetic operations.
 */
public final class TokenBucket {
    private final int capacity;
    private final long refillMillis;
    private double tokens;
    private long updatedAt;

    public TokenBucket(int capacity, long refillMillis, long now) {
        if (capacity < 1 || refillMillis < 1) {
            throw new IllegalArgumentException("a bucket needs a capacity and a refill time of at least 1");
        }
        this.capacity = capacity;
        this.refillMillis = refillMillis;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one token when there is one: true when the event is allowed. */
    public synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Takes {@code count} tokens when there are that many (all or none): true when the events are allowed. */
    public synchronized boolean tryTake(long now, int count) {
        refill(now);
        if (tokens < count) {
            return false;
        }
        tokens -= count;
        return true;
    }

    /** Puts one token back (an event counted in advance did not happen), up to the capacity. */
    public synchronized void giveBack(long now) {
        refill(now);
        tokens = Math.min(capacity, tokens + 1);
    }

    /**
     * How long from {@code now} until {@code count} tokens are there: 0 when they are now; for a
     * count over the capacity, the time to fill the bucket (it never holds more).
     */
    public synchronized long millisUntil(long now, int count) {
        refill(now);
        double missing = Math.min(count, capacity) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * refillMillis);
    }

    /** The tokens there are now (a fraction while one refills). */
    public synchronized double available(long now) {
        refill(now);
        return tokens;
    }

    public int capacity() {
        return capacity;
    }

    /** True when the bucket is full again as of {@code now}: it then limits nothing and may be forgotten. */
    public synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (double) (now - updatedAt) / refillMillis);
            updatedAt = now;
        }
    }
}
