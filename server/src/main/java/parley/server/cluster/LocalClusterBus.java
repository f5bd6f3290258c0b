package parley.server.cluster;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import parley.protocol.ErrorCode;

/**
 * The bus of a single node: a direct call into the node's own sessions, which know their users, so
 * subscriptions need no bookkeeping. Ordering holds because the call happens on the publishing
 * thread.
 */
public final class LocalClusterBus implements ClusterBus {
    private static final LocalSessions NOBODY = new LocalSessions() {
        @Override
        public void deliver(Collection<Long> userIds, byte[] frame) {
        }

        @Override
        public void disconnectDevice(long deviceId, ErrorCode reason) {
        }
    };

    private final AtomicReference<LocalSessions> sessions = new AtomicReference<>(NOBODY);

    @Override
    public void start(LocalSessions local) {
        sessions.set(local);
    }

    /** Nothing to do: every delivery reaches this node's sessions. */
    @Override
    public CompletionStage<Void> subscribe(long userId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void unsubscribe(long userId) {
    }

    @Override
    public void deliver(Collection<Long> userIds, byte[] frame) {
        sessions.get().deliver(userIds, frame);
    }

    @Override
    public void disconnectDevice(long deviceId, ErrorCode reason) {
        sessions.get().disconnectDevice(deviceId, reason);
    }

    @Override
    public void close() {
        sessions.set(NOBODY);
    }
}
