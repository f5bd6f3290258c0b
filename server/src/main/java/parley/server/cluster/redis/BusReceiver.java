package parley.server.cluster.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.server.cluster.LocalSessions;

/**
 * Hands what Redis pushes on the bus's channels to this node's sessions, skipping what this bus
 * published itself (it reached the node's sessions directly), and reports subscription
 * confirmations to {@link UserSubscriptions}.
 *
 * <p>Runs on the pub/sub connection's I/O thread, one message at a time in the order Redis sent
 * them, which is each publisher's order. It must never block: {@link LocalSessions} promises not to.
 */
final class BusReceiver extends RedisPubSubAdapter<byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(BusReceiver.class);

    private final long origin;
    private final Supplier<LocalSessions> sessions;
    private final UserSubscriptions subscriptions;
    private final LongAdder received = new LongAdder();

    /**
     * @param origin   this bus's origin id, as written in what it publishes
     * @param sessions this node's sessions as of now (none before start or after close)
     */
    BusReceiver(long origin, Supplier<LocalSessions> sessions, UserSubscriptions subscriptions) {
        this.origin = origin;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
    }

    @Override
    public void message(byte[] channel, byte[] payload) {
        Optional<Long> from = BusWire.originOf(payload);
        if (from.isEmpty()) {
            LOG.warn("dropped a bus message of an unknown format on {}", new String(channel, StandardCharsets.UTF_8));
            return;
        }
        if (from.get() == origin) {
            return;
        }
        received.increment();
        try {
            if (BusWire.isControl(channel)) {
                BusWire.disconnectOf(payload).ifPresent(d -> sessions.get().disconnectDevice(d.deviceId(), d.reason()));
            } else {
                BusWire.userOf(channel).ifPresent(user -> sessions.get().deliver(List.of(user), BusWire.frameOf(payload)));
            }
        } catch (RuntimeException e) {
            LOG.warn("this node's sessions failed to take a bus message", e);
        }
    }

    @Override
    public void subscribed(byte[] channel, long count) {
        BusWire.userOf(channel).ifPresent(subscriptions::confirmedByRedis);
    }

    /** Messages from other nodes handed to this node's sessions since start. */
    long received() {
        return received.sum();
    }
}
