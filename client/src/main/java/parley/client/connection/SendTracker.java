package parley.client.connection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import parley.client.outbox.Outbox;
import parley.client.outbox.PendingSend;
import parley.protocol.frame.ServerFrame;

/**
 * The sends of a connection: the {@link Outbox} (order, and persistence if it has it), the
 * futures the application waits on, and which sends already went out on the current socket.
 *
 * <p>Concurrency: {@link #add} runs on application threads; everything else on the I/O thread.
 * The outbox is thread-safe and the future map concurrent; the "sent on this socket" set is
 * confined to the I/O thread. A send added while the I/O thread flushes is picked up by the flush
 * {@code add}'s caller schedules next, so nothing is missed, and the set keeps it from going out
 * twice on one socket.
 */
final class SendTracker {
    private final Outbox outbox;
    private final Map<UUID, CompletableFuture<ServerFrame.Ack>> futures = new ConcurrentHashMap<>();
    private final Set<UUID> sentOnSocket = new HashSet<>();

    SendTracker(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Adds a send to the outbox; a second send with an id already waiting gets the same future.
     *
     * @throws parley.client.outbox.OutboxFullException when the outbox is full
     */
    CompletableFuture<ServerFrame.Ack> add(PendingSend send) {
        CompletableFuture<ServerFrame.Ack> future = new CompletableFuture<>();
        CompletableFuture<ServerFrame.Ack> existing = futures.putIfAbsent(send.clientMsgId(), future);
        if (existing != null) {
            return existing;
        }
        try {
            outbox.add(send);
        } catch (RuntimeException full) {
            futures.remove(send.clientMsgId(), future);
            throw full;
        }
        return future;
    }

    /** The sends not yet sent on the current socket, in outbox order; they count as sent now. */
    List<PendingSend> takeUnsent() {
        List<PendingSend> result = new ArrayList<>();
        for (PendingSend send : outbox.snapshot()) {
            if (sentOnSocket.add(send.clientMsgId())) {
                result.add(send);
            }
        }
        return result;
    }

    /** A new socket: everything in the outbox goes out again. */
    void socketChanged() {
        sentOnSocket.clear();
    }

    /**
     * The send with this id got its ack or its error: it leaves the outbox.
     *
     * @return its future, if the application holds one
     */
    Optional<CompletableFuture<ServerFrame.Ack>> finish(UUID clientMsgId) {
        outbox.remove(clientMsgId);
        sentOnSocket.remove(clientMsgId);
        return Optional.ofNullable(futures.remove(clientMsgId));
    }

    /** The server refused the send for now (nothing stored): it stays, to go out again on this socket. */
    void retryLater(UUID clientMsgId) {
        sentOnSocket.remove(clientMsgId);
    }

    /** Whether a send with this id is waiting (in the outbox or with a future). */
    boolean isWaiting(UUID clientMsgId) {
        return futures.containsKey(clientMsgId) || outbox.snapshot().stream().anyMatch(s -> s.clientMsgId().equals(clientMsgId));
    }

    /** The connection is closed for good: removes and returns every future (the outbox keeps its sends). */
    List<CompletableFuture<ServerFrame.Ack>> abandon() {
        List<CompletableFuture<ServerFrame.Ack>> result = new ArrayList<>(futures.values());
        futures.clear();
        return result;
    }

    int size() {
        return outbox.size();
    }
}
