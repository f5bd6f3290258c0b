package parley.server.cluster.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import parley.protocol.ErrorCode;
import parley.server.cluster.ClusterBus;
import parley.server.cluster.LocalSessions;

/**
 * The bus of a cluster, over Redis pub/sub. A delivery to user U goes straight to this node's
 * sessions and is PUBLISHed on {@code parley:user:<U>}; a node SUBSCRIBEs to that channel while it
 * has sessions of U (see {@link UserSubscriptions}), and hands what arrives to its sessions (see
 * {@link BusReceiver}), skipping its own publications. Disconnects go the same way on
 * {@code parley:control}, which every node subscribes to when it starts.
 *
 * <p>Two connections: one publishes (see {@link BoundedPublisher}: never waits, bounded, order kept
 * per publishing thread), one subscribes and receives; and one thread that sends the SUBSCRIBEs and
 * UNSUBSCRIBEs in order. {@link #deliver} and {@link #disconnectDevice} may be called from any
 * thread and return without waiting for Redis: when Redis is down or slow, publications are dropped
 * and counted ({@link #stats()}), and clients resync. When Redis comes back, the connections
 * reconnect and subscribe again by themselves.
 *
 * <p>Thread-safety: the sessions are swapped atomically (none before {@link #start}, none after
 * {@link #close}, so nothing reaches them once close returns); everything else is owned by the
 * collaborators named above, each with its own invariant.
 */
public final class RedisClusterBus implements ClusterBus {
    private static final LocalSessions NOBODY = new LocalSessions() {
        @Override
        public void deliver(Collection<Long> userIds, byte[] frame) {
        }

        @Override
        public void disconnectDevice(long deviceId, ErrorCode reason) {
        }
    };

    private final RedisConnections connections;
    private final StatefulRedisPubSubConnection<byte[], byte[]> subscribing;
    private final ExecutorService subscriptionSender;
    private final long origin;
    private final AtomicReference<LocalSessions> sessions = new AtomicReference<>(NOBODY);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BoundedPublisher publisher;
    private final UserSubscriptions subscriptions;
    private final BusReceiver receiver;

    /** Connects to Redis now; fails at once, naming the URI, when Redis cannot be reached. */
    public RedisClusterBus(RedisOptions options) {
        this(new RedisConnections(options, "bus"), new SecureRandom().nextLong());
    }

    /**
     * @param connections where to open the two connections; closed with this bus
     * @param origin      this bus's id in what it publishes, unique in the cluster
     */
    RedisClusterBus(RedisConnections connections, long origin) {
        this.connections = connections;
        this.origin = origin;
        StatefulRedisConnection<byte[], byte[]> publishing;
        try {
            publishing = connections.open(ByteArrayCodec.INSTANCE);
            subscribing = connections.openPubSub(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        publisher = new BoundedPublisher(publishing, new InFlightLimit(connections.options().maxInFlightPublishes()));
        subscriptionSender = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("bus-subscriptions-" + connections.options().nodeId()).daemon().factory());
        subscriptions = new UserSubscriptions(subscribing.async(), subscriptionSender,
                connections.options().commandTimeout());
        receiver = new BusReceiver(origin, sessions::get, subscriptions);
        subscribing.addListener(receiver);
        subscribing.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                subscriptions.connectionLost();
            }
        });
    }

    /** Hands deliveries to these sessions and subscribes to disconnects; waits for Redis to confirm. */
    @Override
    public void start(LocalSessions local) {
        sessions.set(local);
        long timeout = connections.options().commandTimeout().toMillis();
        try {
            subscribing.async().subscribe(BusWire.controlChannel()).get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RedisUnavailableException("cannot subscribe to parley:control at "
                    + connections.options().displayUri() + ": " + RedisConnections.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while subscribing to parley:control", e);
        }
    }

    @Override
    public CompletionStage<Void> subscribe(long userId) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the cluster bus is closed"));
        }
        return subscriptions.subscribe(userId);
    }

    @Override
    public void unsubscribe(long userId) {
        if (!closed.get()) {
            subscriptions.unsubscribe(userId);
        }
    }

    /** Hands the frame to this node's sessions and publishes it to the other nodes; never waits. */
    @Override
    public void deliver(Collection<Long> userIds, byte[] frame) {
        if (closed.get() || userIds.isEmpty()) {
            return;
        }
        List<byte[]> channels = new ArrayList<>(userIds.size());
        for (long userId : userIds) {
            channels.add(BusWire.userChannel(userId));
        }
        publisher.publish(channels, BusWire.delivery(origin, frame));
        sessions.get().deliver(userIds, frame);
    }

    @Override
    public void disconnectDevice(long deviceId, ErrorCode reason) {
        if (closed.get()) {
            return;
        }
        publisher.publish(List.of(BusWire.controlChannel()), BusWire.disconnect(origin, deviceId, reason));
        sessions.get().disconnectDevice(deviceId, reason);
    }

    public RedisBusStats stats() {
        BoundedPublisher.PublishCounts counts = publisher.counts();
        return new RedisBusStats(counts.published(), counts.dropped(), counts.inFlight(), receiver.received(),
                subscriptions.users());
    }

    /** Stops handing anything to the sessions, then closes both connections and the client's threads. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sessions.set(NOBODY);
            subscriptionSender.shutdown();
            connections.close();
        }
    }
}
