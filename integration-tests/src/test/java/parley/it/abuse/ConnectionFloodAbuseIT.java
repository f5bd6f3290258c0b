package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attack 8: one client opens sockets as fast as it can and leaves them idle (19,950 of them in 8 s
 * once ran a node out of file descriptors, and its health check timed out). Past the limit per
 * address, or the node's, a connection is answered {@code 429 rate_limited} with a retry hint and
 * closed.
 */
class ConnectionFloodAbuseIT {
    private static final int DEFAULT_PER_ADDRESS = 1000;
    private static final long MAX_HELD_BYTES = 160L * 1024 * 1024;

    @Test
    void oneAddressCannotTakeTheNodesConnections() throws Exception {
        try (AbuseNode node = AbuseNode.start(); Bystander bystander = new Bystander(node)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (sockets.size() < DEFAULT_PER_ADDRESS + 500 && System.nanoTime() < deadline) {
                    sockets.add(Flood.connect(node.port()));
                    if (sockets.size() % 500 == 0) {
                        bystander.sendAndAwaitAck();
                        bystander.apiAnswers();
                    }
                }
                assertThat(sockets).hasSizeGreaterThan(DEFAULT_PER_ADDRESS);
                String answer = ask(Flood.connect(node.port()));
                assertThat(answer).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after: 5")
                        .contains("\"rate_limited\"").contains("\"retryAfterMs\"");

                bystander.isServed();
                assertThat(node.isAlive()).isTrue();
                assertThat(node.healthy()).as("the bystander's address has room of its own").isTrue();
                assertThat(node.heldBytes()).as("heap and direct memory held").isLessThan(MAX_HELD_BYTES);
            } finally {
                closeAll(sockets);
            }
            bystander.nothingAckedIsLost();
        }
    }

    @Test
    void theNodesOwnLimitRefusesEveryoneButKeepsThoseConnectedServed() throws Exception {
        int nodeLimit = 300;
        try (AbuseNode node = AbuseNode.start(Map.of("gateway.max-connections", Integer.toString(nodeLimit)));
             Bystander bystander = new Bystander(node)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                while (sockets.size() < nodeLimit + 50) {
                    sockets.add(Flood.connect(node.port()));
                }
                Thread.sleep(500);
                assertThat(ask(Flood.connect(node.port()))).startsWith("HTTP/1.1 429").contains("\"rate_limited\"");
                assertThat(ask(new Socket("127.0.0.1", node.port())))
                        .as("a new connection from anywhere is refused while the node is full")
                        .startsWith("HTTP/1.1 429").contains("no room");
                bystander.sendAndAwaitAck();
                bystander.pingAndAwaitPong();
                assertThat(node.isAlive()).isTrue();
            } finally {
                closeAll(sockets);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!freshConnectionServed(node) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(freshConnectionServed(node)).as("room again once the attacker left").isTrue();
            assertThat(node.healthy()).isTrue();
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    private static boolean freshConnectionServed(AbuseNode node) throws IOException {
        return ask(new Socket("127.0.0.1", node.port())).startsWith("HTTP/1.1 200");
    }

    /** Sends one request on a fresh connection and reads the answer until the node closes it. */
    private static String ask(Socket socket) throws IOException {
        try (socket) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: parley\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return Flood.readAnswer(socket);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
