package parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;

/**
 * What every {@link ClusterBus} promises; run against each implementation. A bus that crosses
 * processes delivers asynchronously, so checks wait (generously) for what must arrive.
 */
public abstract class ClusterBusContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A new bus; two calls give two nodes of one cluster. */
    protected abstract ClusterBus newNode();

    /** Records what reaches one node. */
    protected static final class Recorder implements LocalSessions {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(Collection<Long> userIds, byte[] frame) {
            events.add("deliver " + userIds + " " + new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void disconnectDevice(long deviceId, ErrorCode reason) {
            events.add("disconnect " + deviceId + " " + reason.wire());
        }
    }

    protected static void await(List<String> events, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void deliveriesReachTheStartedNodeInPublicationOrder() throws Exception {
        try (ClusterBus bus = newNode()) {
            Recorder node = new Recorder();
            bus.start(node);
            for (int i = 0; i < 100; i++) {
                bus.deliver(List.of(1L, 2L), ("frame " + i).getBytes(StandardCharsets.UTF_8));
            }
            await(node.events, 100);
            assertThat(node.events).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(node.events.get(i)).isEqualTo("deliver [1, 2] frame " + i);
            }
        }
    }

    @Test
    void disconnectsReachTheNode() throws Exception {
        try (ClusterBus bus = newNode()) {
            Recorder node = new Recorder();
            bus.start(node);
            bus.disconnectDevice(7, ErrorCode.SESSION_REVOKED);
            await(node.events, 1);
            assertThat(node.events).containsExactly("disconnect 7 session_revoked");
        }
    }

    @Test
    void nothingArrivesAfterClose() throws Exception {
        Recorder node = new Recorder();
        ClusterBus bus = newNode();
        bus.start(node);
        bus.close();
        try {
            bus.deliver(List.of(1L), "late".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException acceptable) {
            // a closed bus may refuse instead of dropping
        }
        Thread.sleep(100);
        assertThat(node.events).isEmpty();
    }
}
