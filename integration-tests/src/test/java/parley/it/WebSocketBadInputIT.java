package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
import parley.protocol.model.MessagePage;

/**
 * Every bad input on the WebSocket gets a clear error with a stable code, the server keeps
 * running, and nothing acked is lost.
 */
class WebSocketBadInputIT {
    private static TestServer server;
    private static HttpProbe http;
    private static LoginResponse alice;
    private static LoginResponse bob;
    private static LoginResponse carol;
    private static long aliceBob;
    private static long bobCarol;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new HttpProbe(server.http());
        alice = http.newUser("alice");
        bob = http.newUser("bob");
        carol = http.newUser("carol");
        aliceBob = http.openChat(alice.token(), bob.username());
        bobCarol = http.openChat(bob.token(), carol.username());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawSocket aliceSocket() {
        RawSocket socket = RawSocket.connect(server.ws(), alice.token());
        assertThat(socket.next()).isInstanceOf(ServerFrame.Ready.class);
        return socket;
    }

    private static ServerFrame.Error errorFor(RawSocket socket, String frame) {
        return socket.send(frame).next(ServerFrame.Error.class);
    }

    private static void assertStillServes(RawSocket socket) {
        socket.send("{\"type\":\"ping\",\"ref\":\"still-there\"}");
        assertThat(socket.next(ServerFrame.Pong.class).ref()).isEqualTo("still-there");
    }

    @Test
    void malformedJsonIsRefusedAndTheConnectionStays() {
        try (RawSocket socket = aliceSocket()) {
            assertThat(errorFor(socket, "{\"type\":\"send\",").code()).isEqualTo(ErrorCode.BAD_JSON);
            assertThat(errorFor(socket, "not json at all").code()).isEqualTo(ErrorCode.BAD_JSON);
            assertStillServes(socket);
        }
    }

    @Test
    void unknownFrameTypeIsRefused() {
        try (RawSocket socket = aliceSocket()) {
            ServerFrame.Error error = errorFor(socket, "{\"type\":\"launch_rockets\"}");
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
            assertThat(error.message()).contains("launch_rockets");
            assertThat(errorFor(socket, "{\"chatId\":1}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertStillServes(socket);
        }
    }

    @Test
    void missingAndMistypedFieldsAreRefused() {
        try (RawSocket socket = aliceSocket()) {
            ServerFrame.Error missing = errorFor(socket, "{\"type\":\"send\",\"chatId\":" + aliceBob + ",\"text\":\"hi\"}");
            assertThat(missing.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(missing.message()).contains("clientMsgId");
            assertThat(errorFor(socket, "{\"type\":\"send\",\"clientMsgId\":\"not-a-uuid\",\"chatId\":"
                    + aliceBob + ",\"text\":\"hi\"}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(errorFor(socket, "{\"type\":\"send\",\"clientMsgId\":\"" + UUID.randomUUID()
                    + "\",\"chatId\":\"" + aliceBob + "\",\"text\":\"hi\"}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(errorFor(socket, "{\"type\":\"send\",\"clientMsgId\":\"" + UUID.randomUUID()
                    + "\",\"chatId\":" + aliceBob + ",\"text\":null}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(errorFor(socket, "{\"type\":\"receipt\",\"chatId\":" + aliceBob + ",\"kind\":\"seen\",\"seq\":1}")
                    .code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(errorFor(socket, "{\"type\":\"history\",\"ref\":\"h\",\"chatId\":" + aliceBob + ",\"limit\":1.5}")
                    .code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertStillServes(socket);
        }
    }

    @Test
    void textOverTheLimitIsRefusedAndNotStored() {
        try (RawSocket socket = aliceSocket()) {
            UUID id = UUID.randomUUID();
            String text = "x".repeat(60 * 1024 + 1);
            ServerFrame.Error error = errorFor(socket, send(id, aliceBob, text));
            assertThat(error.code()).isEqualTo(ErrorCode.TEXT_TOO_LONG);
            assertThat(error.ref()).isEqualTo(id.toString());
            assertThat(history(aliceBob).messages()).noneMatch(m -> m.clientMsgId().equals(id));
            assertStillServes(socket);
        }
    }

    @Test
    void aFrameOverTheLimitClosesTheConnectionWithAReasonAndTheServerGoesOn() {
        RawSocket socket = aliceSocket();
        socket.send("{\"type\":\"ping\",\"ref\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        RawSocket.Closed closed = socket.awaitClose();
        assertThat(closed.status()).isEqualTo(1009);
        assertThat(closed.reason()).isEqualTo("frame_too_large");
        try (RawSocket again = aliceSocket()) {
            assertStillServes(again);
        }
    }

    @Test
    void anUnknownChatAndSomeoneElsesChatGetTheSameAnswer() {
        try (RawSocket socket = aliceSocket()) {
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            ServerFrame.Error unknown = errorFor(socket, send(first, 987_654_321L, "hello?"));
            ServerFrame.Error foreign = errorFor(socket, send(second, bobCarol, "let me in"));
            assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(foreign.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(foreign.message()).isEqualTo(unknown.message());
            ServerFrame.Error foreignHistory = errorFor(socket,
                    "{\"type\":\"history\",\"ref\":\"peek\",\"chatId\":" + bobCarol + "}");
            ServerFrame.Error unknownHistory = errorFor(socket,
                    "{\"type\":\"history\",\"ref\":\"peek2\",\"chatId\":987654321}");
            assertThat(foreignHistory.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(foreignHistory.message()).isEqualTo(unknownHistory.message());
            ServerFrame.Error foreignReceipt = errorFor(socket,
                    "{\"type\":\"receipt\",\"ref\":\"r\",\"chatId\":" + bobCarol + ",\"kind\":\"read\",\"seq\":1}");
            assertThat(foreignReceipt.code()).isEqualTo(ErrorCode.NOT_FOUND);
            HttpProbe.Answer peek = http.call("GET", "/api/chats/" + bobCarol + "/messages", null, alice.token());
            HttpProbe.Answer none = http.call("GET", "/api/chats/987654321/messages", null, alice.token());
            assertThat(peek.status()).isEqualTo(404);
            assertThat(peek.body()).isEqualTo(none.body());
            assertThat(history(bobCarol, bob.token()).messages()).isEmpty();
        }
    }

    @Test
    void aForgedSenderIsIgnored() {
        try (RawSocket socket = aliceSocket()) {
            UUID id = UUID.randomUUID();
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + aliceBob
                    + ",\"text\":\"it was bob\",\"senderId\":" + bob.userId() + "}");
            ServerFrame.Ack ack = socket.next(ServerFrame.Ack.class);
            assertThat(ack.clientMsgId()).isEqualTo(id);
            assertThat(history(aliceBob).messages()).filteredOn(m -> m.clientMsgId().equals(id))
                    .singleElement().satisfies(m -> assertThat(m.senderId()).isEqualTo(alice.userId()));
        }
    }

    @Test
    void aRevokedOrUnknownTokenIsRefused() {
        LoginResponse phone = http.login(alice.username(), "phone");
        assertThat(http.call("DELETE", "/api/devices/" + phone.deviceId(), null, alice.token()).status()).isEqualTo(204);
        assertThat(RawSocket.refusedStatus(server.ws(), Map.of("Authorization", "Bearer " + phone.token()), true))
                .isEqualTo(401);
        assertThat(RawSocket.refusedStatus(server.ws(), Map.of("Authorization", "Bearer made-up-token"), true))
                .isEqualTo(401);

        RawSocket byFrame = RawSocket.connect(server.ws(), null);
        byFrame.send("{\"type\":\"auth\",\"token\":\"" + phone.token() + "\"}");
        assertThat(byFrame.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(byFrame.awaitClose()).isEqualTo(new RawSocket.Closed(1008, "unauthorized"));
    }

    @Test
    void theFirstFrameMustAuthenticate() {
        RawSocket socket = RawSocket.connect(server.ws(), null);
        socket.send(send(UUID.randomUUID(), aliceBob, "sneaky"));
        assertThat(socket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(socket.awaitClose().reason()).isEqualTo("unauthorized");

        try (RawSocket ok = RawSocket.connect(server.ws(), null)) {
            ok.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
            ServerFrame.Ready ready = ok.next(ServerFrame.Ready.class);
            assertThat(ready.userId()).isEqualTo(alice.userId());
            assertThat(ready.deviceId()).isEqualTo(alice.deviceId());
        }
    }

    @Test
    void upgradesFromAForeignOriginWithoutTheSubprotocolOrWithATokenInTheUrlAreRefused() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + alice.token());
        assertThat(RawSocket.refusedStatus(server.ws(),
                Map.of("Authorization", "Bearer " + alice.token(), "Origin", "https://evil.example"), true)).isEqualTo(403);
        assertThat(RawSocket.refusedStatus(server.ws(),
                Map.of("Authorization", "Bearer " + alice.token(), "Origin", "http://127.0.0.1:" + server.port()), true))
                .isEqualTo(101);
        assertThat(RawSocket.refusedStatus(server.ws(), auth, false)).isEqualTo(400);
        assertThat(RawSocket.refusedStatus(server.ws().resolve("/ws?token=" + alice.token()), Map.of(), true))
                .isEqualTo(400);
    }

    @Test
    void nothingAckedIsLostByBadInput() {
        try (RawSocket socket = aliceSocket()) {
            UUID kept = UUID.randomUUID();
            socket.send(send(kept, aliceBob, "keep me"));
            ServerFrame.Ack ack = socket.next(ServerFrame.Ack.class, a -> a.clientMsgId().equals(kept));
            socket.send("{garbage").send("{\"type\":\"nope\"}").send(send(UUID.randomUUID(), bobCarol, "x"));
            socket.next(ServerFrame.Error.class);
            assertThat(history(aliceBob).messages()).filteredOn(m -> m.clientMsgId().equals(kept))
                    .singleElement().satisfies(m -> assertThat(m.seq()).isEqualTo(ack.seq()));
        }
    }

    private static String send(UUID id, long chatId, String text) {
        return "{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + chatId + ",\"text\":\"" + text + "\"}";
    }

    private static MessagePage history(long chatId) {
        return history(chatId, alice.token());
    }

    private static MessagePage history(long chatId, String token) {
        HttpProbe.Answer answer = http.call("GET", "/api/chats/" + chatId + "/messages?limit=500", null, token);
        assertThat(answer.status()).isEqualTo(200);
        return answer.as(MessagePage.class);
    }
}
