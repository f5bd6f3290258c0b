package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.RawSocket;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessagePage;

/** A send retried (concurrently, on other connections, after a restart) is stored once, with one ack. */
class ExactlyOnceIT extends EmbeddedServerTest {
    @Test
    void aSendRetriedFiveTimesConcurrentlyAndAfterARestartIsStoredOnce() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        UUID id = UUID.randomUUID();
        String frame = "{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + chat + ",\"text\":\"once\"}";

        List<RawSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawSocket socket = RawSocket.connect(server.ws(), alice.token());
            socket.next(ServerFrame.Ready.class);
            sockets.add(socket);
        }
        List<CompletableFuture<ServerFrame.Ack>> retries = sockets.stream()
                .map(s -> CompletableFuture.supplyAsync(() -> s.send(frame).next(ServerFrame.Ack.class))).toList();
        List<ServerFrame.Ack> acks = new ArrayList<>();
        for (CompletableFuture<ServerFrame.Ack> retry : retries) {
            acks.add(retry.get(60, TimeUnit.SECONDS));
        }
        sockets.forEach(RawSocket::close);
        assertThat(acks).hasSize(5).allSatisfy(ack -> assertThat(ack).isEqualTo(acks.getFirst()));
        assertThat(acks.getFirst().clientMsgId()).isEqualTo(id);

        server.restart();

        try (TestDevice device = TestDevice.connect(client, alice)) {
            ServerFrame.Ack afterRestart = device.connection().send(chat, id, "once").get(30, TimeUnit.SECONDS);
            assertThat(afterRestart).isEqualTo(acks.getFirst());
            ServerFrame.Ack next = device.connection().send(chat, "a new one").get(30, TimeUnit.SECONDS);
            assertThat(next.seq()).isEqualTo(acks.getFirst().seq() + 1);
        }
        MessagePage history = client.http().history(bob.token(), chat, null, null, 100);
        assertThat(history.messages()).extracting(ChatMessage::text).containsExactly("once", "a new one");
    }

    @Test
    void theSameClientIdFromAnotherUserIsAnotherMessage() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        UUID shared = UUID.randomUUID();
        try (TestDevice a = TestDevice.connect(client, alice); TestDevice b = TestDevice.connect(client, bob)) {
            ServerFrame.Ack first = a.connection().send(chat, shared, "from alice").get(30, TimeUnit.SECONDS);
            ServerFrame.Ack second = b.connection().send(chat, shared, "from bob").get(30, TimeUnit.SECONDS);
            assertThat(second.seq()).isEqualTo(first.seq() + 1);
        }
    }
}
