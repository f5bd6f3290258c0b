package parley.client.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * An {@link Outbox} in memory, lost with the process. Thread-safe: every method holds the
 * instance's lock, so insertion order is the order in which {@link #add} calls took the lock.
 */
public final class InMemoryOutbox implements Outbox {
    private final int capacity;
    private final SequencedMap<UUID, PendingSend> sends = new LinkedHashMap<>();

    public InMemoryOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean add(PendingSend send) {
        if (sends.containsKey(send.clientMsgId())) {
            return false;
        }
        if (sends.size() >= capacity) {
            throw new OutboxFullException(capacity);
        }
        sends.put(send.clientMsgId(), send);
        return true;
    }

    @Override
    public synchronized Optional<PendingSend> remove(UUID clientMsgId) {
        return Optional.ofNullable(sends.remove(clientMsgId));
    }

    @Override
    public synchronized List<PendingSend> snapshot() {
        return List.copyOf(sends.values());
    }

    @Override
    public synchronized int size() {
        return sends.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
