package parley.server.limits;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import parley.server.config.RateLimit;

/**
 * Token buckets by key (a client address, an account, a user), all at one {@link RateLimit}, bounded
 * in entries so that no stream of new keys can grow it without end. A key without an entry has a
 * full bucket; an entry is made only when a token is taken. When the table is full, the buckets that
 * are full again are forgotten first (they limit nothing); if none is, the one with the most tokens
 * left (the key that did least lately) is forgotten, never one that is running dry, so a flood of new
 * keys cannot wipe out the record of a key that is being limited. Each entry costs about 200 bytes
 * with a short key.
 *
 * <p>Thread-safe: the buckets live in a {@link ConcurrentHashMap} and are each synchronized; making
 * room takes this table's lock, so one thread at a time scans (a scan is O(entries), and happens
 * only while the table is full). Concurrent insertions may overshoot the bound by the number of
 * threads inserting at once.
 */
public final class BucketTable<K> {
    private final RateLimit rate;
    private final int maxEntries;
    private final Clock clock;
    private final Map<K, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Object room = new Object();

    public BucketTable(RateLimit rate, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a table needs room for at least one entry");
        }
        this.rate = rate;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Takes one token of the key: 0 when allowed, else how many milliseconds until it would be. */
    public long take(K key) {
        return take(key, 1);
    }

    /**
     * Takes {@code count} tokens of the key, all or none: 0 when allowed, else how many milliseconds
     * until it would be (for a count over the burst: until the bucket is full, and it still will not
     * be allowed; callers check the count against {@link #burst} first).
     */
    public long take(K key, int count) {
        long now = clock.millis();
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            makeRoom(now);
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(rate.burst(), rate.refillMillis(), now));
        }
        return bucket.tryTake(now, count) ? 0 : Math.max(1, bucket.millisUntil(now, count));
    }

    /** How many milliseconds until the key has a token, taking none: 0 when it has one now. */
    public long waitFor(K key) {
        TokenBucket bucket = buckets.get(key);
        return bucket == null ? 0 : bucket.millisUntil(clock.millis(), 1);
    }

    /** Gives one token back (an event counted in advance did not happen). */
    public void giveBack(K key) {
        TokenBucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(clock.millis());
        }
    }

    /** Forgets the key: its bucket is full again. */
    public void reset(K key) {
        buckets.remove(key);
    }

    public int burst() {
        return rate.burst();
    }

    public RateLimit rate() {
        return rate;
    }

    /** Entries held now. */
    public int size() {
        return buckets.size();
    }

    private void makeRoom(long now) {
        if (buckets.size() < maxEntries) {
            return;
        }
        synchronized (room) {
            if (buckets.size() < maxEntries) {
                return;
            }
            buckets.values().removeIf(bucket -> bucket.isFull(now));
            while (buckets.size() >= maxEntries) {
                K fullest = null;
                double most = -1;
                for (Map.Entry<K, TokenBucket> entry : buckets.entrySet()) {
                    double left = entry.getValue().available(now);
                    if (left > most) {
                        most = left;
                        fullest = entry.getKey();
                    }
                }
                if (fullest == null) {
                    return;
                }
                buckets.remove(fullest);
            }
        }
    }
}
