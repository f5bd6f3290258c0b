package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.connection.TransportKind;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestCluster;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * Long polling in a cluster, through the load balancer: a long-poll session lives on the node that
 * opened it, so the balancer must send every later call of that session (polls, posted frames,
 * the end) to that node, while it spreads everything else. A long-polling user and a WebSocket
 * user, both behind the balancer, chat with acks, receipts, presence and typing, in order.
 */
class LongPollClusterIT {
    private static TestCluster cluster;
    private static ParleyClient viaBalancer;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3, Map.of("gateway.heartbeat-seconds", "1", "presence.grace-seconds", "1"));
        viaBalancer = ParleyClient.create(ClientOptions.builder(cluster.http()).build());
    }

    @AfterAll
    static void stop() {
        viaBalancer.close();
        cluster.close();
    }

    @Test
    void aLongPollingUserAndAWebSocketUserBehindTheBalancerChat() throws Exception {
        HttpProbe http = new HttpProbe(cluster.http());
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice poller = TestDevice.connect(alice, viaBalancer.newLongPollConnection(), Map.of());
             TestDevice socket = TestDevice.connect(viaBalancer, bob)) {
            assertThat(poller.connection().transport()).contains(TransportKind.LONG_POLL);
            poller.awaitPresence(bob.userId(), ServerFrame.Presence::online, "bob online");
            socket.awaitPresence(alice.userId(), ServerFrame.Presence::online, "alice, long polling, online");

            List<CompletableFuture<ServerFrame.Ack>> sent = List.of(poller.connection().send(chat, "one"),
                    poller.connection().send(chat, "two"), poller.connection().send(chat, "three"));
            assertThat(sent.stream().map(CompletableFuture::join).map(ServerFrame.Ack::seq))
                    .containsExactly(1L, 2L, 3L);
            socket.awaitMessages(chat, 3);
            socket.connection().markRead(chat, 3);
            poller.awaitWatermark(chat, bob.userId(), 3, 3);

            socket.connection().typing(chat, true);
            TestDevice.await(() -> poller.typings().contains(new ServerFrame.Typing(chat, bob.userId(), true)),
                    "the poller sees bob typing; has %s", poller.typings());
            for (int i = 4; i <= 10; i++) {
                socket.connection().send(chat, "reply " + i);
            }
            poller.awaitMessages(chat, 10);
            poller.connection().markRead(chat, 10);
            socket.awaitWatermark(chat, alice.userId(), 10, 10);

            assertThat(poller.messages(chat)).extracting(ChatMessage::seq)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(socket.messages(chat)).extracting(ChatMessage::text)
                    .containsExactlyElementsOf(poller.messages(chat).stream().map(ChatMessage::text).toList());
            assertThat(poller.errors()).isEmpty();
        }
    }
}
