package parley.server.presence;

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
