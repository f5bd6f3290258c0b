package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attack 1a: a client that never reads its answers keeps sending pipelined {@code GET /healthz}
 * (132 MB of them once ended in an out-of-memory). The node answers one request at a time and stops
 * reading while the answer waits; a client far ahead of what it reads is disconnected.
 */
class PipelinedRequestAbuseIT {
    private static final int ATTACKERS = 6;
    private static final long BYTES_PER_ATTACKER = 256L * 1024 * 1024;
    private static final long MAX_HELD_BYTES = 160L * 1024 * 1024;

    @Test
    void pipelinedRequestsThatAreNeverReadCannotExhaustTheNode() throws Exception {
        byte[] block = "GET /healthz HTTP/1.1\r\nHost: parley\r\n\r\n".repeat(1600).getBytes(StandardCharsets.US_ASCII);
        try (AbuseNode node = AbuseNode.start(); Bystander bystander = new Bystander(node)) {
            bystander.isServed();
            List<Flood> floods = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                floods.add(Flood.on(Flood.connect(node.port())).start(block, BYTES_PER_ATTACKER));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && floods.stream().anyMatch(Flood::writing)) {
                bystander.isServed();
                Thread.sleep(Bystander.SERVED_EVERY_MILLIS);
            }
            for (Flood flood : floods) {
                flood.awaitEnd(Duration.ofSeconds(5));
                assertThat(flood.closedByNode()).as("the node disconnected a client far ahead of its answers "
                        + "(it wrote %d bytes)", flood.written()).isTrue();
                assertThat(flood.written()).isLessThan(BYTES_PER_ATTACKER);
                flood.close();
            }

            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            assertThat(node.heldBytes()).as("heap and direct memory held").isLessThan(MAX_HELD_BYTES);
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }
}
