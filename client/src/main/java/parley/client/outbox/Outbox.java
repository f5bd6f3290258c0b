package parley.client.outbox;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sends awaiting their ack, in the order the application made them. The connection resends
 * all of them, in this order and with the same client message ids, after every reconnect; the
 * server's dedupe makes that safe. An entry leaves only when its ack or its error arrives.
 *
 * <p>Implementations are thread-safe: the application adds from its threads while the
 * connection's I/O thread reads and removes. A persistent implementation lets sends survive a
 * restart of the application.
 */
public interface Outbox {

    /**
     * Appends a send at the end.
     *
     * @return false when a send with the same client message id is already held (nothing changes)
     * @throws OutboxFullException when {@link #capacity()} sends are held already
     */
    boolean add(PendingSend send);

    /** Removes the send with this id, if held. */
    Optional<PendingSend> remove(UUID clientMsgId);

    /** The held sends, oldest first (a copy). */
    List<PendingSend> snapshot();

    int size();

    /** The most sends this outbox holds. */
    int capacity();
}
