package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ProtocolVersion;
import parley.protocol.api.LoginResponse;

/**
 * Attack 1b: WebSocket connections that send pings as fast as they can and never read the pongs
 * (one connection once sent 315 MB of pings in 5 s, and six of them, inside their 10-second login
 * window, took a node down). The node stops reading a connection whose pongs are not taken, so TCP
 * slows the attacker to what it reads; the connection is then closed (no login within 10 s, or
 * silent for three heartbeats).
 */
class PingFloodAbuseIT {
    private static final long MAX_HELD_BYTES = 160L * 1024 * 1024;
    private static final long MAX_BYTES_PER_ATTACKER = 512L * 1024 * 1024;

    @Test
    void pingsWhosePongsAreNeverReadCannotExhaustTheNode() throws Exception {
        try (AbuseNode node = AbuseNode.start(); Bystander bystander = new Bystander(node)) {
            LoginResponse mallory = node.probe().newUser("mallory");
            List<Flood> floods = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // six that never log in, two logged in with a token
                floods.add(Flood.on(upgraded(node.port(), i < 6 ? null : mallory.token()))
                        .start(pings(), MAX_BYTES_PER_ATTACKER));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                bystander.isServed();
                Thread.sleep(Bystander.SERVED_EVERY_MILLIS);
            }
            for (Flood flood : floods) {
                // unthrottled, one loopback connection wrote 315 MB in 5 s
                assertThat(flood.written()).as("bytes of pings one attacker got the node to take in 8 s")
                        .isLessThan(32L * 1024 * 1024);
            }
            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            assertThat(node.heldBytes()).as("heap and direct memory held").isLessThan(MAX_HELD_BYTES);

            for (Flood flood : floods) {
                flood.awaitEnd(Duration.ofSeconds(60));
                assertThat(flood.closedByNode()).as("the node closed the flooding connection").isTrue();
                flood.close();
            }
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    /** A raw connection upgraded to a WebSocket (with a token when given), its 101 read. */
    private static Socket upgraded(int port, String token) throws IOException {
        Socket socket = Flood.connect(port);
        String key = Base64.getEncoder().encodeToString("parley-ping-flood".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Protocol: "
                + ProtocolVersion.V1 + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the upgrade: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** 64 KiB of masked ping frames (the mask key is zero, so the payload reads as is). */
    private static byte[] pings() {
        byte[] payload = "x".repeat(125).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer block = ByteBuffer.allocate(64 * 1024 / 131 * 131);
        while (block.remaining() >= 131) {
            block.put((byte) 0x89).put((byte) (0x80 | payload.length)).putInt(0).put(payload);
        }
        return block.array();
    }
}
