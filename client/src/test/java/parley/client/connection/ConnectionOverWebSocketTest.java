package parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.connection.RecordingListener.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.ParleyException;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.Limits;
import parley.protocol.model.MessageKind;

/** A {@link ParleyConnection} made by {@link ParleyClient}, over a real socket to a scripted server. */
class ConnectionOverWebSocketTest {
    private final JsonCodec codec = new JsonCodec();
    private final MiniWebSocketServer server = new MiniWebSocketServer();
    private final RecordingListener listener = new RecordingListener();
    private final ParleyClient client = ParleyClient.create(ClientOptions.builder("http://127.0.0.1:" + server.port())
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    private final ParleyConnection connection = client.newConnection();

    ConnectionOverWebSocketTest() throws java.io.IOException {
    }

    @AfterEach
    void tearDown() throws Exception {
        connection.close();
        client.close();
        server.close();
    }

    private ClientFrame receive(MiniWebSocketServer.Peer peer) throws InterruptedException {
        return codec.decodeClient(peer.receive());
    }

    private void online(MiniWebSocketServer.Peer peer, List<ChatMessage> missed) throws Exception {
        peer.send(codec.encode(new ServerFrame.Ready("parley.v1", 1, "alice", 3, 30, new Limits(65536, 4096, 100))));
        ClientFrame frame = receive(peer);
        while (!(frame instanceof ClientFrame.Sync)) {
            frame = receive(peer);
        }
        peer.send(codec.encode(new ServerFrame.Synced(frame.ref(), missed, List.of(), null)));
    }

    private static ChatMessage msg(long seq) {
        return new ChatMessage(8, seq, 2, UUID.randomUUID(), MessageKind.TEXT, "m" + seq, seq);
    }

    @Test
    void sendsResyncsAndSurvivesADrop() throws Exception {
        CompletableFuture<ServerFrame.Ready> ready = connection.connect("tok", listener);
        MiniWebSocketServer.Peer first = server.nextPeer();
        assertThat(first.headers.get("authorization")).isEqualTo("Bearer tok");
        online(first, List.of(msg(1)));
        assertThat(ready.get(5, TimeUnit.SECONDS).userId()).isEqualTo(1);

        CompletableFuture<ServerFrame.Ack> send = connection.send(8, "hello");
        ClientFrame frame = receive(first);
        while (!(frame instanceof ClientFrame.Send)) {
            frame = receive(first); // the delivered receipt for seq 1 may come first
        }
        ClientFrame.Send sent = (ClientFrame.Send) frame;
        assertThat(sent.text()).isEqualTo("hello");
        first.drop(); // the ack never came

        MiniWebSocketServer.Peer second = server.nextPeer();
        second.send(codec.encode(new ServerFrame.Ready("parley.v1", 1, "alice", 3, 30, new Limits(65536, 4096, 100))));
        ClientFrame.Send resent = null;
        ClientFrame.Sync sync = null;
        while (sync == null) {
            ClientFrame next = receive(second);
            if (next instanceof ClientFrame.Send s) {
                resent = s;
            } else if (next instanceof ClientFrame.Sync s) {
                sync = s;
            }
        }
        assertThat(resent).isEqualTo(sent);
        assertThat(sync.since()).containsEntry(8L, 1L);
        second.send(codec.encode(new ServerFrame.Synced(sync.ref(), List.of(msg(2)), List.of(), null)));
        second.send(codec.encode(new ServerFrame.Ack(sent.clientMsgId(), 8, 3, 99)));
        assertThat(send.get(5, TimeUnit.SECONDS).seq()).isEqualTo(3);
        await("both messages", () -> listener.messages.size() == 2);
        assertThat(listener.messages).extracting(ChatMessage::seq).containsExactly(1L, 2L);
    }

    @Test
    void aRevokedSessionEndsTheConnection() throws Exception {
        connection.connect("tok", listener);
        MiniWebSocketServer.Peer peer = server.nextPeer();
        online(peer, List.of());
        peer.send(codec.encode(new ServerFrame.Error(null, ErrorCode.SESSION_REVOKED, "revoked")));
        peer.closeWith(4000, "session_revoked");
        await("closed", () -> listener.connectionStates.contains(ConnectionState.CLOSED));
        assertThat(connection.closeReason()).contains(ErrorCode.SESSION_REVOKED);
        assertThat(listener.errors).extracting(ServerFrame.Error::code).containsExactly(ErrorCode.SESSION_REVOKED);
    }

    @Test
    void aBadTokenIsUnauthorized() throws Exception {
        server.refuseWith(401);
        CompletableFuture<ServerFrame.Ready> ready = connection.connect("bad", listener);
        await("failed", ready::isDone);
        assertThat(ready.handle((r, e) -> e).join()).isInstanceOfSatisfying(ParleyException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
