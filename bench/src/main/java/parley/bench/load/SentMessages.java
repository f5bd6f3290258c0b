package parley.bench.load;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every message the run sent, by client message id: when it was meant to go, so that the
 * recipient's side can measure send-to-deliver latency. Kept to the end of the run (a few hundred
 * thousand small entries at most, for a bounded run). Thread-safe.
 */
public final class SentMessages {
    private final Map<UUID, Long> intendedById;

    public SentMessages(int expected) {
        this.intendedById = new ConcurrentHashMap<>(Math.max(16, expected));
    }

    /** A fresh random (version 4) client message id, without the lock of a shared SecureRandom. */
    public static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    void add(UUID id, long intendedNanos) {
        intendedById.put(id, intendedNanos);
    }

    /** The intended send time of a message this run sent, or null for another's. */
    public Long intended(UUID id) {
        return intendedById.get(id);
    }
}
