package parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.ParleyException;
import parley.client.connection.ConnectionListener;
import parley.client.connection.ConnectionState;
import parley.client.connection.ParleyConnection;
import parley.client.connection.TransportKind;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.HaproxyProcess;
import parley.it.kit.RawSocket;
import parley.it.kit.TestDevice;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * The SDK behind a proxy that blocks WebSockets (a real HAProxy with a corporate proxy's rule)
 * falls back to long polling on its own, and its user chats with a user connected directly over a
 * WebSocket exactly as two WebSocket users would: acks in order, delivered and read ticks both
 * ways, one order on both sides. A wrong token behind the same proxy is still an auth error.
 */
class WebSocketFallbackIT extends EmbeddedServerTest {

    @Test
    void aClientBehindAProxyThatRefusesWebSocketsChatsOverLongPolling() throws Exception {
        chatThroughAProxy(HaproxyProcess::startRefusingWebSockets, status -> assertThat(status)
                .as("the proxy refuses the upgrade").isEqualTo(403));
    }

    @Test
    void aClientBehindAProxyThatStripsTheUpgradeChatsOverLongPolling() throws Exception {
        chatThroughAProxy(HaproxyProcess::startStrippingUpgrades, status -> assertThat(status)
                .as("the upgrade reaches the server as plain HTTP, answered with an error").isBetween(400, 499));
    }

    /** Alice behind the proxy, Bob connected directly, chat both ways. */
    private static void chatThroughAProxy(Function<List<Integer>, HaproxyProcess> proxyKind,
                                          IntConsumer checkUpgradeStatus) throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        try (HaproxyProcess proxy = proxyKind.apply(List.of(server.port()));
             ParleyClient proxied = ParleyClient.create(ClientOptions.builder(proxy.http()).build())) {
            checkUpgradeStatus.accept(RawSocket.refusedStatus(proxy.ws(),
                    Map.of("Authorization", "Bearer " + alice.token()), true));
            try (TestDevice behindProxy = TestDevice.connect(proxied, alice);
                 TestDevice direct = TestDevice.connect(client, bob)) {
                assertThat(behindProxy.connection().transport()).contains(TransportKind.LONG_POLL);
                assertThat(direct.connection().transport()).contains(TransportKind.WEBSOCKET);
                chatBothWays(behindProxy, direct, bob.username());
            }
        }
    }

    @Test
    void aWrongTokenBehindTheBlockingProxyIsUnauthorizedNotAFallback() throws Exception {
        try (HaproxyProcess proxy = HaproxyProcess.startRefusingWebSockets(List.of(server.port()));
             ParleyClient proxied = ParleyClient.create(ClientOptions.builder(proxy.http()).build())) {
            ParleyConnection connection = proxied.newConnection();
            CompletableFuture<ServerFrame.Ready> online = connection.connect("not-a-token", new ConnectionListener() {
            });
            Throwable failure = catchThrowable(() -> online.get(TestDevice.WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(ParleyException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
            TestDevice.await(() -> connection.state() == ConnectionState.CLOSED, "the connection to close for good");
            assertThat(connection.closeReason()).contains(ErrorCode.UNAUTHORIZED);
        }
    }

    @Test
    void aWrongTokenDirectlyIsUnauthorizedWithoutTryingLongPolling() throws Exception {
        ParleyConnection connection = client.newConnection();
        CompletableFuture<ServerFrame.Ready> online = connection.connect("not-a-token", new ConnectionListener() {
        });
        Throwable failure = catchThrowable(() -> online.get(TestDevice.WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOfSatisfying(ParleyException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(connection.closeReason()).contains(ErrorCode.UNAUTHORIZED);
    }

    /**
     * Three messages from the long-polling side, two back, with every tick: the acks come in
     * seq order, each side sees the other's delivered and read watermark, and both show the chat
     * in the same order, each message once.
     */
    private static void chatBothWays(TestDevice poller, TestDevice socket, String socketUser) throws Exception {
        long chat = poller.connection().openChat(socketUser).get(30, TimeUnit.SECONDS).chatId();
        List<CompletableFuture<ServerFrame.Ack>> sent = List.of(
                poller.connection().send(chat, "one"), poller.connection().send(chat, "two"),
                poller.connection().send(chat, "three"));
        List<Long> seqs = sent.stream().map(CompletableFuture::join).map(ServerFrame.Ack::seq).toList();
        assertThat(seqs).containsExactly(1L, 2L, 3L);
        socket.awaitMessages(chat, 3);
        poller.awaitWatermark(chat, socket.userId(), 3, 0);
        socket.connection().markRead(chat, 3);
        poller.awaitWatermark(chat, socket.userId(), 3, 3);

        assertThat(socket.connection().send(chat, "four").get(30, TimeUnit.SECONDS).seq()).isEqualTo(4);
        assertThat(socket.connection().send(chat, "five").get(30, TimeUnit.SECONDS).seq()).isEqualTo(5);
        poller.awaitMessages(chat, 5);
        socket.awaitWatermark(chat, poller.userId(), 5, 0);
        poller.connection().markRead(chat, 5);
        socket.awaitWatermark(chat, poller.userId(), 5, 5);

        List<String> expected = List.of("one", "two", "three", "four", "five");
        assertThat(poller.messages(chat)).extracting(ChatMessage::text).containsExactlyElementsOf(expected);
        assertThat(socket.messages(chat)).extracting(ChatMessage::text).containsExactlyElementsOf(expected);
        assertThat(poller.messages(chat)).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(poller.connection().transport()).as("still long polling").contains(TransportKind.LONG_POLL);
        assertThat(poller.errors()).isEmpty();
    }
}
