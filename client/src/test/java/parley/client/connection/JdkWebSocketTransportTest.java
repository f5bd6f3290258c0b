package parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parley.client.connection.RecordingListener.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK WebSocket transport against {@link MiniWebSocketServer} on loopback. */
class JdkWebSocketTransportTest {
    private final MiniWebSocketServer server = new MiniWebSocketServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JdkWebSocketTransport transport = new JdkWebSocketTransport(http, Duration.ofSeconds(5), 100, 1_000_000);
    private final Events events = new Events();

    JdkWebSocketTransportTest() throws java.io.IOException {
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        http.shutdownNow();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    /** What a socket reported, in order. */
    static final class Events implements Transport.Listener {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(Transport.Socket socket) {
            log.add("open");
        }

        @Override
        public void onText(String text) {
            log.add("text " + (text.length() > 50 ? text.length() + " chars" : text));
        }

        @Override
        public void onClosed(int status, String reason) {
            log.add("closed " + status + " " + reason);
        }

        @Override
        public void onError(Throwable error) {
            log.add("error " + error);
        }
    }

    @Test
    void upgradesWithTheTokenAndSubprotocolAndCarriesTextBothWays() throws Exception {
        Transport.Socket socket = transport.open(uri(), "s3cret", events).get(5, TimeUnit.SECONDS);
        MiniWebSocketServer.Peer peer = server.nextPeer();
        assertThat(peer.headers.get("authorization")).isEqualTo("Bearer s3cret");
        assertThat(peer.headers.get("sec-websocket-protocol")).isEqualTo("parley.v1");
        assertThat(peer.headers.get(":request")).startsWith("GET /ws ");

        for (int i = 0; i < 50; i++) {
            socket.send("{\"n\":" + i + "}");
        }
        for (int i = 0; i < 50; i++) {
            assertThat(peer.receive()).isEqualTo("{\"n\":" + i + "}");
        }
        peer.send("hello");
        peer.send("x".repeat(200_000));
        await("two texts", () -> events.log.size() == 3);
        assertThat(events.log).containsExactly("open", "text hello", "text 200000 chars");
    }

    @Test
    void theServersCloseReasonReachesTheListener() throws Exception {
        transport.open(uri(), "t", events).get(5, TimeUnit.SECONDS);
        server.nextPeer().closeWith(4001, "session_revoked");
        await("closed", () -> events.log.size() == 2);
        assertThat(events.log).containsExactly("open", "closed 4001 session_revoked");
    }

    @Test
    void aPoliteCloseSendsACloseFrame() throws Exception {
        Transport.Socket socket = transport.open(uri(), "t", events).get(5, TimeUnit.SECONDS);
        MiniWebSocketServer.Peer peer = server.nextPeer();
        socket.send("last words");
        socket.close();
        assertThat(peer.receive()).isEqualTo("last words");
        await("the server saw the close", () -> peer.clientClosed);
    }

    @Test
    void aDroppedSocketIsReportedAsAnAbnormalCloseOrAnError() throws Exception {
        transport.open(uri(), "t", events).get(5, TimeUnit.SECONDS);
        server.nextPeer().drop();
        await("the end", () -> events.log.size() == 2);
        assertThat(events.log.get(1)).matches("closed 1006 .*|error .*");
    }

    @Test
    void aRefusedUpgradeGivesTheStatus() {
        server.refuseWith(401);
        assertThatThrownBy(() -> transport.open(uri(), "bad", events).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UpgradeRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(events.log).isEmpty();
    }
}
