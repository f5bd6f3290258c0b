package parley.server.cluster;

import java.util.Collection;
import java.util.concurrent.CompletionStage;
import parley.protocol.ErrorCode;

/**
 * Carries what one node must tell the sessions of users who may be connected to any node:
 * pushes (new messages, receipts) and disconnects (log-out, revocation).
 *
 * <p>Promises: a delivery to a user reaches, at most once, every node that has
 * {@linkplain #subscribe subscribed} to that user (a node may also be handed deliveries for users
 * it did not subscribe to: its {@link LocalSessions} finds no session for them); deliveries
 * published from one thread reach each node in the order they were published; disconnects reach
 * every node. Delivery is best effort: a node that is down or behind may miss some. That is by
 * design: push is the fast path and clients resync from the store, which is the truth.
 */
public interface ClusterBus extends AutoCloseable {

    /** Connects this node's sessions to the bus; deliveries published before this may be missed. */
    void start(LocalSessions sessions);

    /**
     * This node has one more session of the user. Deliveries to the user published after the
     * returned stage completes reach this node. Counted: as many {@link #unsubscribe} calls undo it.
     */
    CompletionStage<Void> subscribe(long userId);

    /** This node has one session of the user fewer. */
    void unsubscribe(long userId);

    /** Pushes an encoded server frame to every session of these users, on every node. */
    void deliver(Collection<Long> userIds, byte[] frame);

    /** Closes every connection of this device, on every node, telling it why. */
    void disconnectDevice(long deviceId, ErrorCode reason);

    @Override
    void close();
}
