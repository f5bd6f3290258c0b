package parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parley.client.connection.RecordingListener.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ConnectionLostException;
import parley.client.ParleyException;
import parley.client.outbox.InMemoryOutbox;
import parley.client.outbox.OutboxFullException;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.Limits;
import parley.protocol.model.MessageKind;
import parley.protocol.model.ReceiptKind;
import parley.protocol.model.UserRef;

class ParleyConnectionTest {
    private final FakeTransport transport = new FakeTransport();
    private final RecordingListener listener = new RecordingListener();
    private final MutableClock clock = new MutableClock();
    private ParleyConnection connection;

    private ParleyConnection connection(int maxOutbox) {
        ClientOptions options = ClientOptions.builder("http://127.0.0.1:9/base")
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .requestTimeout(Duration.ofSeconds(5))
                .clock(clock)
                .random(new Random(1))
                .build();
        connection = new ParleyConnection(options, transport, new InMemoryOutbox(maxOutbox), new JsonCodec());
        return connection;
    }

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
    }

    private static ServerFrame.Ready ready(int heartbeatSeconds) {
        return new ServerFrame.Ready("parley.v1", 1, "alice", 10, heartbeatSeconds, new Limits(65536, 4096, 100));
    }

    private static ChatMessage msg(long chatId, long seq) {
        return new ChatMessage(chatId, seq, 2, UUID.randomUUID(), MessageKind.TEXT, "m" + seq, seq);
    }

    /** Sends ready, answers the resync with an empty page; returns the frames sent before the sync. */
    private static ClientFrame.Sync goOnline(FakeTransport.FakeSocket socket, List<ClientFrame> beforeSync) throws InterruptedException {
        socket.serverSends(ready(0));
        ClientFrame frame = socket.next();
        while (!(frame instanceof ClientFrame.Sync)) {
            beforeSync.add(frame);
            frame = socket.next();
        }
        ClientFrame.Sync sync = (ClientFrame.Sync) frame;
        socket.serverSends(new ServerFrame.Synced(sync.ref(), List.of(), List.of(), null));
        return sync;
    }

    private static ClientFrame.Sync goOnline(FakeTransport.FakeSocket socket) throws InterruptedException {
        List<ClientFrame> before = new java.util.ArrayList<>();
        ClientFrame.Sync sync = goOnline(socket, before);
        assertThat(before).isEmpty();
        return sync;
    }

    private static Throwable failure(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((v, e) -> e).join();
    }

    @Test
    void connectsWithTheTokenAndIsOnlineOnceResynced() throws Exception {
        CompletableFuture<ServerFrame.Ready> online = connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        assertThat(transport.lastToken).isEqualTo("tok");
        assertThat(transport.lastUri).hasToString("ws://127.0.0.1:9/base/ws");
        socket.serverSends(ready(0));
        ClientFrame.Sync sync = socket.next(ClientFrame.Sync.class);
        assertThat(online).isNotDone();
        socket.serverSends(new ServerFrame.Synced(sync.ref(), List.of(msg(5, 1)), List.of(new ChatState(5, 1, 0, 0, 1, 0)), null));
        assertThat(online.get(5, TimeUnit.SECONDS).deviceId()).isEqualTo(10);
        assertThat(listener.connectionStates).containsExactly(ConnectionState.CONNECTING, ConnectionState.ONLINE);
        assertThat(listener.messages).extracting(ChatMessage::seq).containsExactly(1L);
        assertThat(listener.states).extracting(ChatState::chatId).containsExactly(5L);
        assertThat(listener.threads).allSatisfy(t -> assertThat(t).startsWith("parley-callbacks-"));
        assertThat(connection.state()).isEqualTo(ConnectionState.ONLINE);
    }

    @Test
    void sendsWaitForReadyGoOutInOrderAndCompleteOnTheirAck() throws Exception {
        connection(10);
        CompletableFuture<ServerFrame.Ack> a = connection.send(1, "a");
        CompletableFuture<ServerFrame.Ack> b = connection.send(1, "b");
        connection.connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        List<ClientFrame> sends = new java.util.ArrayList<>();
        goOnline(socket, sends);
        assertThat(sends).extracting(f -> ((ClientFrame.Send) f).text()).containsExactly("a", "b");

        ClientFrame.Send first = (ClientFrame.Send) sends.getFirst();
        ServerFrame.Ack ack = new ServerFrame.Ack(first.clientMsgId(), 1, 7, 123);
        socket.serverSends(ack);
        assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo(ack);
        assertThat(b).isNotDone();
        await("the ack removes the send", () -> connection.outboxSize() == 1);
        await("onAck", () -> listener.acks.contains(ack));

        CompletableFuture<ServerFrame.Ack> c = connection.send(1, "c");
        assertThat(socket.next(ClientFrame.Send.class).text()).isEqualTo("c");
        assertThat(c).isNotDone();
    }

    @Test
    void afterADropUnackedSendsGoAgainInTheirOrderWithTheSameIds() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket first = transport.nextSocket();
        goOnline(first);
        connection.send(1, "a");
        CompletableFuture<ServerFrame.Ack> b = connection.send(1, "b");
        connection.send(2, "c");
        ClientFrame.Send a1 = first.next(ClientFrame.Send.class);
        ClientFrame.Send b1 = first.next(ClientFrame.Send.class);
        ClientFrame.Send c1 = first.next(ClientFrame.Send.class);
        first.serverSends(new ServerFrame.Ack(a1.clientMsgId(), 1, 1, 1));
        first.serverSends(new ServerFrame.Error(null, ErrorCode.SLOW_CONSUMER, "too slow"));
        first.serverCloses(1013, "slow_consumer");

        FakeTransport.FakeSocket second = transport.nextSocket();
        List<ClientFrame> resent = new java.util.ArrayList<>();
        goOnline(second, resent);
        assertThat(resent).containsExactly(b1, c1);
        assertThat(b).isNotDone();
        await("online again", () -> listener.connectionStates.size() == 5);
        assertThat(listener.connectionStates).containsExactly(ConnectionState.CONNECTING, ConnectionState.ONLINE,
                ConnectionState.OFFLINE, ConnectionState.CONNECTING, ConnectionState.ONLINE);
        assertThat(listener.errors).extracting(ServerFrame.Error::code).containsExactly(ErrorCode.SLOW_CONSUMER);
    }

    @Test
    void aRejectedSendFailsAndLeavesTheOutbox() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket);
        UUID id = UUID.randomUUID();
        CompletableFuture<ServerFrame.Ack> send = connection.send(99, id, "to nowhere");
        assertThat(socket.next(ClientFrame.Send.class).clientMsgId()).isEqualTo(id);
        socket.serverSends(new ServerFrame.Error(id.toString(), ErrorCode.NOT_FOUND, "no such chat"));
        Throwable error = failure(send);
        assertThat(error).isInstanceOf(ParleyException.class);
        assertThat(((ParleyException) error).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((ParleyException) error).httpStatus()).isZero();
        assertThat(connection.outboxSize()).isZero();
        assertThat(listener.errors).isEmpty();

        socket.fails(new IOException("network down"));
        FakeTransport.FakeSocket next = transport.nextSocket();
        goOnline(next); // asserts nothing is resent before the sync
    }

    @Test
    void aSendRefusedForNowIsSentAgainUnchangedUntilItIsAcked() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket);
        UUID id = UUID.randomUUID();
        CompletableFuture<ServerFrame.Ack> send = connection.send(7, id, "when the database is back");
        assertThat(socket.next(ClientFrame.Send.class).clientMsgId()).isEqualTo(id);
        socket.serverSends(new ServerFrame.Error(id.toString(), ErrorCode.UNAVAILABLE, "the write was not stored"));
        ClientFrame.Send again = socket.next(ClientFrame.Send.class);
        assertThat(again.clientMsgId()).isEqualTo(id);
        assertThat(again.text()).isEqualTo("when the database is back");
        assertThat(send).isNotDone();
        assertThat(connection.outboxSize()).isEqualTo(1);
        ServerFrame.Ack ack = new ServerFrame.Ack(id, 7, 1, 1000);
        socket.serverSends(ack);
        assertThat(send.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ack);
        assertThat(connection.outboxSize()).isZero();
    }

    @Test
    void aSendOverTheAnnouncedLimitsFailsWithoutPoisoningTheConnection() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket); // limits: frames up to 65536 bytes, texts up to 4096
        CompletableFuture<ServerFrame.Ack> tooLong = connection.send(1, "é".repeat(2049)); // 4098 bytes
        CompletableFuture<ServerFrame.Ack> fine = connection.send(1, "fine");
        assertThat(((ParleyException) failure(tooLong)).code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
        assertThat(socket.next(ClientFrame.Send.class).text()).isEqualTo("fine");
        assertThat(fine).isNotDone();
        assertThat(connection.outboxSize()).isEqualTo(1);
    }

    @Test
    void aSendWhoseFrameIsTooLargeFailsToo() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        socket.serverSends(new ServerFrame.Ready("parley.v1", 1, "alice", 10, 0, new Limits(200, 4096, 100)));
        socket.next(ClientFrame.Sync.class);
        CompletableFuture<ServerFrame.Ack> escaped = connection.send(1, "\u0001".repeat(40)); // 40 bytes, 240 as JSON
        assertThat(((ParleyException) failure(escaped)).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(socket.nothingSent(Duration.ofMillis(100))).isTrue();
    }

    @Test
    void sendingAgainWithAWaitingIdReturnsTheSameFuture() {
        connection(10);
        UUID id = UUID.randomUUID();
        CompletableFuture<ServerFrame.Ack> first = connection.send(1, id, "x");
        assertThat(connection.send(1, id, "x")).isSameAs(first);
        assertThat(connection.outboxSize()).isEqualTo(1);
    }

    @Test
    void aFullOutboxRefusesAtOnce() {
        connection(2);
        connection.send(1, "a");
        connection.send(1, "b");
        assertThatThrownBy(() -> connection.send(1, "c")).isInstanceOf(OutboxFullException.class);
        assertThat(connection.outboxSize()).isEqualTo(2);
    }

    @Test
    void aRevokedSessionClosesForGoodWithoutReconnecting() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket);
        CompletableFuture<ServerFrame.Ack> pending = connection.send(1, "never");
        socket.next(ClientFrame.Send.class);
        socket.serverSends(new ServerFrame.Error(null, ErrorCode.SESSION_REVOKED, "revoked"));
        socket.serverCloses(4001, "session_revoked");
        Throwable error = failure(pending);
        assertThat(((ParleyException) error).code()).isEqualTo(ErrorCode.SESSION_REVOKED);
        await("closed", () -> listener.connectionStates.contains(ConnectionState.CLOSED));
        assertThat(connection.closeReason()).contains(ErrorCode.SESSION_REVOKED);
        Thread.sleep(100);
        assertThat(transport.opens.get()).isEqualTo(1);
        assertThat(listener.connectionStates).doesNotContain(ConnectionState.OFFLINE);
        assertThatThrownBy(() -> connection.send(1, "after")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUpgradeRefusedWith401IsUnauthorizedAndTerminal() throws Exception {
        transport.refusals.add(new UpgradeRefusedException(401));
        CompletableFuture<ServerFrame.Ready> online = connection(10).connect("bad", listener);
        Throwable error = failure(online);
        assertThat(((ParleyException) error).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        await("closed", () -> listener.connectionStates.contains(ConnectionState.CLOSED));
        assertThat(listener.errors).extracting(ServerFrame.Error::code).containsExactly(ErrorCode.UNAUTHORIZED);
        assertThat(transport.opens.get()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsRetriedUntilItAnswers() throws Exception {
        transport.refusals.add(new IOException("connection refused"));
        transport.refusals.add(new UpgradeRefusedException(503));
        CompletableFuture<ServerFrame.Ready> online = connection(10).connect("tok", listener);
        goOnline(transport.nextSocket());
        online.get(5, TimeUnit.SECONDS);
        assertThat(transport.opens.get()).isEqualTo(3);
        assertThat(listener.connectionStates).containsExactly(ConnectionState.CONNECTING, ConnectionState.OFFLINE,
                ConnectionState.CONNECTING, ConnectionState.OFFLINE, ConnectionState.CONNECTING, ConnectionState.ONLINE);
    }

    @Test
    void requestsAreAnsweredByRefAndFailOnErrorOrDrop() throws Exception {
        connection(10).connect("tok", listener);
        CompletableFuture<ChatSummary> early = connection.openChat("bob"); // before ready: waits
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket);
        ClientFrame.OpenChat open = socket.next(ClientFrame.OpenChat.class);
        assertThat(open.username()).isEqualTo("bob");
        ChatSummary chat = new ChatSummary(5, ChatKind.DIRECT, List.of(new UserRef(1, "alice"), new UserRef(2, "bob")),
                new ChatState(5, 0, 0, 0, 0, 0), null, 0, 1);
        socket.serverSends(new ServerFrame.Chat(open.ref(), chat));
        assertThat(early.get(5, TimeUnit.SECONDS)).isEqualTo(chat);

        CompletableFuture<ChatSummary> unknown = connection.openChat("nobody");
        socket.serverSends(new ServerFrame.Error(socket.next(ClientFrame.OpenChat.class).ref(), ErrorCode.NOT_FOUND, "no user"));
        assertThat(((ParleyException) failure(unknown)).code()).isEqualTo(ErrorCode.NOT_FOUND);

        CompletableFuture<?> history = connection.history(5, null, null, 10);
        ClientFrame.History asked = socket.next(ClientFrame.History.class);
        assertThat(asked.chatId()).isEqualTo(5);
        assertThat(asked.limit()).isEqualTo(10);
        socket.fails(new IOException("reset"));
        assertThat(failure(history)).isInstanceOf(ConnectionLostException.class);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void pushedMessagesReachTheListenerOnceInOrderAndGapsAreFilled() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket);
        socket.serverSends(new ServerFrame.Message(msg(5, 1)));
        socket.serverSends(new ServerFrame.Message(msg(5, 1)));
        socket.serverSends(new ServerFrame.Message(msg(5, 4)));
        ClientFrame gapOrReceipt = socket.next();
        while (!(gapOrReceipt instanceof ClientFrame.History)) {
            gapOrReceipt = socket.next();
        }
        ClientFrame.History gap = (ClientFrame.History) gapOrReceipt;
        assertThat(gap.after()).isEqualTo(1L);
        socket.serverSends(new ServerFrame.History(gap.ref(), new parley.protocol.model.MessagePage(5,
                List.of(msg(5, 2), msg(5, 3), msg(5, 4)), false)));
        await("four messages", () -> listener.messages.size() == 4);
        assertThat(listener.messages).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void deliveredReceiptsAreCoalescedPerBatch() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        socket.serverSends(ready(0));
        ClientFrame.Sync sync = socket.next(ClientFrame.Sync.class);
        socket.serverSends(new ServerFrame.Synced(sync.ref(), List.of(msg(5, 1), msg(5, 2), msg(5, 3), msg(6, 1)), List.of(), null));
        ClientFrame.Receipt r1 = socket.next(ClientFrame.Receipt.class);
        ClientFrame.Receipt r2 = socket.next(ClientFrame.Receipt.class);
        assertThat(List.of(r1, r2)).containsExactly(
                new ClientFrame.Receipt(null, 5, ReceiptKind.DELIVERED, 3),
                new ClientFrame.Receipt(null, 6, ReceiptKind.DELIVERED, 1));
        assertThat(socket.nothingSent(Duration.ofMillis(100))).isTrue();

        connection.markRead(5, 3);
        assertThat(socket.next(ClientFrame.Receipt.class)).isEqualTo(new ClientFrame.Receipt(null, 5, ReceiptKind.READ, 3));
    }

    @Test
    void aResyncAfterReconnectAsksFromWhatWasDelivered() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket first = transport.nextSocket();
        goOnline(first);
        first.serverSends(new ServerFrame.Message(msg(5, 1)));
        first.serverSends(new ServerFrame.Message(msg(5, 2)));
        await("two messages", () -> listener.messages.size() == 2);
        first.serverCloses(1001, "shutting_down");
        FakeTransport.FakeSocket second = transport.nextSocket();
        second.serverSends(ready(0));
        ClientFrame sync = second.next();
        while (!(sync instanceof ClientFrame.Sync)) {
            sync = second.next(); // receipts re-sent after the drop may come first
        }
        assertThat(((ClientFrame.Sync) sync).since()).containsEntry(5L, 2L);
    }

    @Test
    void aSilentServerIsDroppedAfterThreeHeartbeats() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket first = transport.nextSocket();
        first.serverSends(ready(1));
        ClientFrame.Sync sync = first.next(ClientFrame.Sync.class);
        first.serverSends(new ServerFrame.Synced(sync.ref(), List.of(), List.of(), null));
        ClientFrame ping = first.poll(Duration.ofSeconds(3));
        assertThat(ping).isInstanceOf(ClientFrame.Ping.class);
        clock.advance(Duration.ofSeconds(4));
        FakeTransport.FakeSocket second = transport.nextSocket();
        assertThat(first.aborted).isTrue();
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void closeFailsWhatWaitsAndStops() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket socket = transport.nextSocket();
        goOnline(socket);
        CompletableFuture<ServerFrame.Ack> send = connection.send(1, "x");
        CompletableFuture<?> request = connection.listChats(null, 10);
        socket.next(ClientFrame.Send.class);
        socket.next(ClientFrame.ListChats.class);
        connection.close();
        assertThat(failure(send)).isInstanceOf(ConnectionLostException.class);
        assertThat(failure(request)).isInstanceOf(ConnectionLostException.class);
        await("closed", () -> listener.connectionStates.contains(ConnectionState.CLOSED));
        assertThat(socket.closedPolitely).isTrue();
        assertThat(connection.closeReason()).isEmpty();
        assertThat(failure(connection.openChat("bob"))).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void reconnectNowOpensAFreshSocketAtOnce() throws Exception {
        connection(10).connect("tok", listener);
        FakeTransport.FakeSocket first = transport.nextSocket();
        goOnline(first);
        connection.reconnectNow();
        FakeTransport.FakeSocket second = transport.nextSocket();
        assertThat(first.aborted).isTrue();
        goOnline(second);
        await("online twice", () -> listener.connectionStates.stream().filter(s -> s == ConnectionState.ONLINE).count() == 2);
    }
}
