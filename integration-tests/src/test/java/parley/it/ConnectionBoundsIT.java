package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.it.kit.TestServer;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/** Dead peers and slow consumers are disconnected; the server's memory stays bounded; nothing is lost. */
class ConnectionBoundsIT {
    private static final int OUTBOUND_QUEUE_BYTES = 4 * 1024 * 1024;
    private static TestServer server;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("gateway.heartbeat-seconds", "1",
                "gateway.outbound-queue-bytes", Integer.toString(OUTBOUND_QUEUE_BYTES),
                "chat.sends-per-connection.burst", "100000", "chat.sends-per-user.burst", "100000"));
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSilentConnectionIsClosedAfterThreeHeartbeatsAndAPingingOneIsNot() throws Exception {
        LoginResponse ivy = http.newUser("ivy");
        RawSocket silent = RawSocket.connect(server.ws(), ivy.token());
        RawSocket pinging = RawSocket.connect(server.ws(), ivy.token());
        assertThat(silent.next(ServerFrame.Ready.class).heartbeatSeconds()).isEqualTo(1);
        pinging.next(ServerFrame.Ready.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            pinging.send("{\"type\":\"ping\"}");
            Thread.sleep(300);
        }
        assertThat(silent.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.IDLE_TIMEOUT);
        assertThat(silent.awaitClose().reason()).isEqualTo("idle_timeout");
        assertThat(pinging.isOpen()).isTrue();
        pinging.close();
    }

    @Test
    void aConsumerTooSlowToReadIsDisconnectedAndResyncsEverything() throws Exception {
        LoginResponse sender = http.newUser("fast");
        LoginResponse reader = http.newUser("slow");
        long chat = http.openChat(sender.token(), reader.username());
        RawSocket slow = RawSocket.connect(server.ws(), reader.token());
        slow.next(ServerFrame.Ready.class);
        slow.stopReading();

        int messages = 1500;
        String text = "y".repeat(16 * 1024);
        try (RawSocket fast = RawSocket.connect(server.ws(), sender.token())) {
            fast.next(ServerFrame.Ready.class);
            int window = 8;
            int sent = 0;
            int acks = 0;
            while (acks < messages) {
                while (sent < messages && sent - acks < window) {
                    fast.send("{\"type\":\"send\",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"chatId\":" + chat
                            + ",\"text\":\"" + text + "\"}");
                    sent++;
                }
                if (fast.next() instanceof ServerFrame.Ack) {
                    acks++;
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.server().sessions().sessionsOf(reader.userId()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.server().sessions().sessionsOf(reader.userId()))
                .as("the slow reader's session was closed").isEmpty();
        slow.close();

        try (RawSocket back = RawSocket.connect(server.ws(), reader.token())) {
            back.next(ServerFrame.Ready.class);
            Set<Long> seqs = new HashSet<>();
            Long from = 0L;
            while (from != null) {
                back.send("{\"type\":\"sync\",\"ref\":\"s\",\"since\":{\"" + chat + "\":" + seqs.size() + "},\"fromChat\":" + from + "}");
                ServerFrame.Synced page = back.next(ServerFrame.Synced.class);
                for (ChatMessage m : page.messages()) {
                    assertThat(seqs.add(m.seq())).as("seq %d once", m.seq()).isTrue();
                }
                from = page.next();
            }
            assertThat(seqs).hasSize(messages);
            assertThat(seqs).allMatch(s -> s >= 1 && s <= messages);
        }
    }
}
