package parley.server.cluster;

import java.util.Collection;
import parley.protocol.ErrorCode;

/**
 * Carries what one node must tell the sessions of users who may be connected to any node:
 * pushes (new messages, receipts) and disconnects (log-out, revocation).
 *
 * <p>Promises: a delivery reaches every {@link LocalSessions} that is started, on every node,
 * at most once; deliveries published from one thread reach each node in the order they were
 * published. Delivery is best effort: a node that is down or behind may miss some. That is by
 * design: push is the fast path and clients resync from the store, which is the truth.
 */
public interface ClusterBus extends AutoCloseable {

    /** Connects this node's sessions to the bus; deliveries published before this may be missed. */
    void start(LocalSessions sessions);

    /** Pushes an encoded server frame to every session of these users, on every node. */
    void deliver(Collection<Long> userIds, byte[] frame);

    /** Closes every connection of this device, on every node, telling it why. */
    void disconnectDevice(long deviceId, ErrorCode reason);

    @Override
    void close();
}
