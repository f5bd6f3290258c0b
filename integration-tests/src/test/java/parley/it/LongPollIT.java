package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.PollBatch;
import parley.protocol.api.PollSession;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * The long-polling transport over raw HTTP: a poller and a WebSocket user chat with acks, pushes
 * and receipts in order; a retried send is stored once; a held poll is answered by a push; a
 * poller away for a while gets everything on its next poll, and one that fell further behind than
 * its queue holds is told to resync and then has every message once; and bad calls (expired,
 * foreign, unauthenticated, oversized) are refused with their codes.
 */
class LongPollIT {
    private static TestServer server;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One long-poll session driven by hand: every frame polled so far, in order. */
    private static final class Poller {
        private final HttpProbe http;
        private final String token;
        private final String id;
        private long cursor;
        private final List<ServerFrame> frames = new ArrayList<>();

        Poller(HttpProbe http, String token) {
            this.http = http;
            this.token = token;
            HttpProbe.Answer opened = http.call("POST", "/api/poll/sessions", null, token);
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            PollSession session = opened.as(PollSession.class);
            this.id = session.sessionId();
            this.cursor = session.cursor();
        }

        String path() {
            return "/api/poll/sessions/" + id;
        }

        List<ServerFrame> pollOnce() {
            HttpProbe.Answer answer = http.call("GET", path() + "?cursor=" + cursor, null, token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            PollBatch batch = answer.as(PollBatch.class);
            cursor = batch.cursor();
            frames.addAll(batch.frames());
            return batch.frames();
        }

        void post(String body) {
            HttpProbe.Answer answer = http.call("POST", path() + "/frames", body, token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        }

        /** Polls until {@code count} frames of this type arrived; returns them in order. */
        <T extends ServerFrame> List<T> await(Class<T> type, int count) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                List<T> matching = frames.stream().filter(type::isInstance).map(type::cast).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                assertThat(System.nanoTime()).as("waiting for %d %s in %s", count, type.getSimpleName(), frames)
                        .isLessThan(deadline);
                pollOnce();
            }
        }
    }

    private static String send(UUID clientMsgId, long chatId, String text) {
        return "{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\",\"chatId\":" + chatId
                + ",\"text\":\"" + text + "\"}";
    }

    @Test
    void aPollerAndAWebSocketUserChatWithAcksPushesAndReceiptsInOrder() {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        Poller poller = new Poller(http, alice.token());
        assertThat(poller.await(ServerFrame.Ready.class, 1).getFirst().userId()).isEqualTo(alice.userId());
        assertThat(poller.frames.getFirst()).isInstanceOf(ServerFrame.Ready.class);

        try (RawSocket socket = RawSocket.connect(server.ws(), bob.token())) {
            socket.next(ServerFrame.Ready.class);
            // two sends in one POST: acked in order, after commit
            poller.post("[" + send(UUID.randomUUID(), chat, "one") + "," + send(UUID.randomUUID(), chat, "two") + "]");
            List<ServerFrame.Ack> acks = poller.await(ServerFrame.Ack.class, 2);
            assertThat(acks).extracting(ServerFrame.Ack::seq).containsExactly(1L, 2L);
            assertThat(socket.next(ServerFrame.Message.class).message().text()).isEqualTo("one");
            assertThat(socket.next(ServerFrame.Message.class).message().text()).isEqualTo("two");

            // bob answers and reads: the poller gets the push, then the receipt
            socket.send(send(UUID.randomUUID(), chat, "three"));
            assertThat(socket.next(ServerFrame.Ack.class).seq()).isEqualTo(3);
            socket.send("{\"type\":\"receipt\",\"ref\":\"r1\",\"chatId\":" + chat + ",\"kind\":\"read\",\"seq\":3}");
            ServerFrame.Watermark read = awaitRead(poller, bob.userId());
            List<ServerFrame> relevant = poller.frames.stream()
                    .filter(f -> f instanceof ServerFrame.Message || (f instanceof ServerFrame.Watermark w
                            && w.userId() == bob.userId() && w.read() == 3))
                    .toList();
            assertThat(relevant).hasSize(4);
            assertThat(relevant).element(0).isInstanceOf(ServerFrame.Message.class);
            assertThat(((ServerFrame.Message) relevant.get(2)).message().text()).isEqualTo("three");
            assertThat(relevant.get(3)).isEqualTo(read);

            // the poller's own receipt reaches bob
            poller.post("{\"type\":\"receipt\",\"ref\":\"r2\",\"chatId\":" + chat + ",\"kind\":\"read\",\"seq\":3}");
            socket.next(ServerFrame.Watermark.class, w -> w.userId() == alice.userId() && w.read() == 3);
        }
    }

    private static ServerFrame.Watermark awaitRead(Poller poller, long userId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ServerFrame frame : poller.frames) {
                if (frame instanceof ServerFrame.Watermark w && w.userId() == userId && w.read() == 3) {
                    return w;
                }
            }
            poller.pollOnce();
        }
        throw new AssertionError("no read receipt in " + poller.frames);
    }

    @Test
    void aRetriedSendIsStoredOnce() {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        Poller poller = new Poller(http, alice.token());
        UUID id = UUID.randomUUID();
        poller.post(send(id, chat, "once"));
        poller.post(send(id, chat, "once"));
        List<ServerFrame.Ack> acks = poller.await(ServerFrame.Ack.class, 2);
        assertThat(acks).extracting(ServerFrame.Ack::seq).containsExactly(1L, 1L);
        assertThat(acks).extracting(ServerFrame.Ack::clientMsgId).containsOnly(id);
        String history = http.call("GET", "/api/chats/" + chat + "/messages", null, bob.token()).body();
        assertThat(history.split("\"once\"", -1)).hasSize(2);
    }

    @Test
    void aHeldPollIsAnsweredWhenAMessageArrives() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        Poller poller = new Poller(http, alice.token());
        poller.await(ServerFrame.Ready.class, 1);
        while (!poller.pollOnce().isEmpty()) {
            // drain presence and the like; an empty answer means the poll was held its full time
        }
        long started = System.nanoTime();
        CompletableFuture<List<ServerFrame>> held = CompletableFuture.supplyAsync(poller::pollOnce);
        Thread.sleep(1000);
        assertThat(held).isNotDone();
        try (RawSocket socket = RawSocket.connect(server.ws(), bob.token())) {
            socket.next(ServerFrame.Ready.class);
            socket.send(send(UUID.randomUUID(), chat, "wake up"));
            List<ServerFrame> answer = held.get(10, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
            assertThat(answer).isNotEmpty();
            List<ServerFrame.Message> messages = poller.await(ServerFrame.Message.class, 1);
            assertThat(messages.getFirst().message().text()).isEqualTo("wake up");
        }
    }

    @Test
    void anotherUsersSessionIsNotFoundAndCallsNeedAToken() {
        LoginResponse alice = http.newUser("alice");
        LoginResponse mallory = http.newUser("mallory");
        Poller poller = new Poller(http, alice.token());
        HttpProbe.Answer foreignPoll = http.call("GET", poller.path() + "?cursor=0", null, mallory.token());
        assertThat(foreignPoll.status()).isEqualTo(404);
        assertThat(foreignPoll.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        HttpProbe.Answer foreignSend = http.call("POST", poller.path() + "/frames", "{\"type\":\"ping\"}", mallory.token());
        assertThat(foreignSend.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(http.call("DELETE", poller.path(), null, mallory.token()).status()).isEqualTo(404);
        HttpProbe.Answer anonymous = http.call("GET", poller.path() + "?cursor=0", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        HttpProbe.Answer badCursor = http.call("GET", poller.path() + "?cursor=99", null, alice.token());
        assertThat(badCursor.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        // the owner still polls; then ends the session, which is gone afterwards
        poller.await(ServerFrame.Ready.class, 1);
        assertThat(http.call("DELETE", poller.path(), null, alice.token()).status()).isEqualTo(204);
        assertThat(http.call("GET", poller.path() + "?cursor=0", null, alice.token()).status()).isEqualTo(404);
    }

    @Test
    void malformedCallsAndFramesGetTheirCodesAndTheSessionGoesOn() {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        LoginResponse stranger = http.newUser("stranger");
        Poller poller = new Poller(http, alice.token());
        poller.await(ServerFrame.Ready.class, 1);

        assertThat(http.call("GET", poller.path() + "?cursor=abc", null, alice.token()).error().code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(http.call("GET", poller.path(), null, alice.token()).error().code())
                .as("no cursor").isEqualTo(ErrorCode.INVALID_REQUEST);
        HttpProbe.Answer put = http.call("PUT", poller.path(), "{}", alice.token());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.error().code()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(http.call("GET", poller.path() + "/frames", null, alice.token()).error().code())
                .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(http.call("GET", "/api/poll/sessions", null, alice.token()).error().code())
                .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(http.call("POST", poller.path() + "/elsewhere", "{}", alice.token()).error().code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(http.call("POST", poller.path() + "/frames", "42", alice.token()).error().code())
                .as("neither a frame nor an array").isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(http.call("POST", "/api/poll/sessions", null, "not-a-token").error().code())
                .isEqualTo(ErrorCode.UNAUTHORIZED);

        // bad frames in a good body: each answered by an error frame through the poll, in order
        poller.post("[{\"type\":\"teleport\"},"
                + "{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"},"
                + "{\"type\":\"typing\",\"ref\":\"t1\",\"chatId\":" + chat + ",\"typing\":\"yes\"}]");
        poller.post("{\"type\":\"typing\",\"ref\":\"t2\",\"chatId\":999999,\"typing\":true}");
        Poller strangers = new Poller(http, stranger.token());
        strangers.post("{\"type\":\"typing\",\"ref\":\"t3\",\"chatId\":" + chat + ",\"typing\":true}");
        assertThat(strangers.await(ServerFrame.Error.class, 1).getFirst().code())
                .as("typing in a chat you are not in").isEqualTo(ErrorCode.NOT_FOUND);
        List<ServerFrame.Error> errors = poller.await(ServerFrame.Error.class, 4);
        assertThat(errors).extracting(ServerFrame.Error::code).containsExactly(ErrorCode.UNKNOWN_TYPE,
                ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);

        // pings far too frequent: dropped quietly, no error, and the session still works
        StringBuilder pings = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            pings.append(i == 0 ? "" : ",").append("{\"type\":\"ping\",\"ref\":\"p").append(i).append("\"}");
        }
        poller.post(pings.append("]").toString());
        poller.post("{\"type\":\"list_chats\",\"ref\":\"last\"}");
        poller.await(ServerFrame.Chats.class, 1);
        assertThat(poller.frames).filteredOn(ServerFrame.Pong.class::isInstance).hasSizeBetween(3, 6);
        assertThat(poller.frames).filteredOn(ServerFrame.Error.class::isInstance).hasSize(4);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        LoginResponse alice = http.newUser("alice");
        Poller poller = new Poller(http, alice.token());
        String huge = "[" + send(UUID.randomUUID(), 1, "x".repeat(100 * 1024)) + "]";
        HttpProbe.Answer answer = http.call("POST", poller.path() + "/frames", huge, alice.token());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error().code()).isEqualTo(ErrorCode.BODY_TOO_LARGE);
        HttpProbe.Answer notJson = http.call("POST", poller.path() + "/frames", "not json", alice.token());
        assertThat(notJson.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void theSdkFallsBackToLongPolling() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(server.http()).build());
             TestDevice poller = TestDevice.connectLongPolling(client, alice);
             TestDevice socket = TestDevice.connect(client, bob)) {
            long chat = poller.connection().openChat(bob.username()).get(30, TimeUnit.SECONDS).chatId();
            ServerFrame.Ack ack = poller.connection().send(chat, "over http").get(30, TimeUnit.SECONDS);
            assertThat(ack.seq()).isEqualTo(1);
            assertThat(socket.awaitMessages(chat, 1).getFirst().text()).isEqualTo("over http");
            poller.awaitWatermark(chat, bob.userId(), 1, 0);
            assertThat(socket.connection().send(chat, "back").get(30, TimeUnit.SECONDS).seq()).isEqualTo(2);
            assertThat(poller.awaitMessages(chat, 2).get(1).text()).isEqualTo("back");
        }
    }

    @Test
    void aPollerThatStopsPollingForAWhileGetsEverythingInOrderOnItsNextPoll() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        Poller poller = new Poller(http, alice.token());
        poller.await(ServerFrame.Ready.class, 1);
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(server.http()).build());
             TestDevice sender = TestDevice.connect(client, bob)) {
            // the poller is away (no poll held, none made) while five messages arrive, each acked,
            // so each was pushed to the poller's session before the next ack
            Thread.sleep(2000);
            List<ServerFrame.Ack> acks = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                acks.add(sender.connection().send(chat, "while away " + i).get(30, TimeUnit.SECONDS));
            }
            assertThat(acks).extracting(ServerFrame.Ack::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            Thread.sleep(2000);

            List<ServerFrame.Message> next = poller.pollOnce().stream()
                    .filter(ServerFrame.Message.class::isInstance).map(ServerFrame.Message.class::cast).toList();
            assertThat(next).as("all five in the very next poll, in order, once")
                    .extracting(m -> m.message().seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(next).extracting(m -> m.message().text())
                    .containsExactly("while away 1", "while away 2", "while away 3", "while away 4", "while away 5");
        }
    }

    @Test
    void aPollerThatFellTooFarBehindIsToldToResyncAndThenHasEveryMessageInOrderOnce() throws Exception {
        try (TestServer small = TestServer.start(Map.of("gateway.outbound-queue-bytes", "65536"));
             ParleyClient client = ParleyClient.create(ClientOptions.builder(small.http()).build())) {
            HttpProbe probe = new HttpProbe(small.http());
            LoginResponse alice = probe.newUser("alice");
            LoginResponse bob = probe.newUser("bob");
            long chat = probe.openChat(alice.token(), bob.username());
            Poller poller = new Poller(probe, alice.token());
            poller.await(ServerFrame.Ready.class, 1);
            try (TestDevice sender = TestDevice.connect(client, bob)) {
                for (int i = 1; i <= 3; i++) {
                    sender.connection().send(chat, "before " + i).get(30, TimeUnit.SECONDS);
                }
                List<ChatMessage> before = poller.await(ServerFrame.Message.class, 3).stream()
                        .map(ServerFrame.Message::message).toList();

                // the poller stops polling; 40 messages of 2,000 characters (about 84 KB of frames)
                // arrive for a queue of 64 KiB. Each ack comes after the previous message was pushed.
                String filler = "x".repeat(1990);
                List<CompletableFuture<ServerFrame.Ack>> sends = new ArrayList<>();
                for (int i = 4; i <= 43; i++) {
                    sends.add(sender.connection().send(chat, String.format("%03d %s", i, filler)));
                }
                assertThat(sends.getLast().get(60, TimeUnit.SECONDS).seq()).isEqualTo(43);

                List<ServerFrame> next = poller.pollOnce();
                assertThat(next).as("the next poll says: resync").singleElement()
                        .isInstanceOfSatisfying(ServerFrame.Error.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.SLOW_CONSUMER);
                            assertThat(e.ref()).isNull();
                        });
                assertThat(poller.pollOnce()).as("the error received, nothing follows it").isEmpty();
                HttpProbe.Answer ended = probe.call("GET", poller.path() + "?cursor=" + poller.cursor, null, alice.token());
                assertThat(ended.status()).as("the session has ended").isEqualTo(404);
                assertThat(ended.error().code()).isEqualTo(ErrorCode.NOT_FOUND);

                // the same device resyncs over a new long-poll session from what it holds, in pages
                // that fit this small queue (one page of 40 such messages would not)
                long held = before.getLast().seq();
                try (ParleyClient pages = ParleyClient.create(ClientOptions.builder(small.http()).syncPageLimit(10).build());
                     TestDevice resynced = TestDevice.connect(alice, pages.newLongPollConnection(), Map.of(chat, held))) {
                    List<ChatMessage> after = resynced.awaitMessages(chat, (int) (43 - held));
                    Thread.sleep(500);
                    List<Long> all = new ArrayList<>(before.stream().map(ChatMessage::seq).toList());
                    all.addAll(resynced.messages(chat).stream().map(ChatMessage::seq).toList());
                    assertThat(all).as("every message, in order, once")
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, 43).boxed().toList());
                    assertThat(after.getLast().text()).startsWith("043 ");
                }
            }
        }
    }

    @Test
    void aSessionNotPolledForItsIdleTimeExpires() throws Exception {
        try (TestServer quick = TestServer.start(Map.of("gateway.long-poll-idle-seconds", "1"))) {
            HttpProbe probe = new HttpProbe(quick.http());
            LoginResponse alice = probe.newUser("alice");
            Poller poller = new Poller(probe, alice.token());
            poller.pollOnce();
            Thread.sleep(3500);
            HttpProbe.Answer expired = probe.call("GET", poller.path() + "?cursor=" + poller.cursor, null, alice.token());
            assertThat(expired.status()).isEqualTo(404);
            assertThat(expired.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(expired.error().message()).contains("expired");
        }
    }
}
