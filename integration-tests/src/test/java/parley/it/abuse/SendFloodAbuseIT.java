package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.PollBatch;
import parley.protocol.api.PollSession;
import parley.protocol.frame.ServerFrame;

/**
 * A flood of sends from one user. One WebSocket used to store 221,000 messages in 13 s while
 * another user's acks took a median of 5.2 s; long-poll batches of 600 sends stored about 870,000
 * messages in 15 s. Now a connection sends its burst (100) and then 20 a second: a faster client is
 * slowed down, not refused (the WebSocket is not read, a long-poll POST is answered once its frames
 * were taken), so its messages keep their order, and the bystander's acks stay quick.
 */
class SendFloodAbuseIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final int BURST = 100;
    private static final int PER_SECOND = 20;
    private static final long HELD_BOUND = 128L * 1024 * 1024;
    private static final long FLOOD_MILLIS = 12_000;
    /** Sends per long-poll POST: past the burst, one POST waits 5 s to be taken at the rate. */
    private static final int BATCH = 100;

    @Test
    void aWebSocketFloodIsSlowedToItsRateInOrderAndOthersAcksStayQuick() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of()); Bystander bystander = new Bystander(node)) {
            HttpProbe http = node.probe();
            LoginResponse flooder = http.newUser("flooder");
            LoginResponse target = http.newUser("target");
            long chatId = http.openChat(flooder.token(), target.username());
            RawSocket socket = RawSocket.connect(node.ws(), flooder.token());
            socket.next(ServerFrame.Ready.class);
            List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            boolean[] heldBack = new boolean[1];
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                while (sent < 100_000 && System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS)) {
                    if (!socket.trySend(send(ids, chatId), Duration.ofSeconds(2))) {
                        heldBack[0] = true; // the node stopped reading; the client's buffers are full
                        break;
                    }
                    sent++;
                }
                return sent;
            });
            List<Long> acksDuring = new ArrayList<>();
            // the node works through the flood's backlog at the flooder's rate meanwhile
            while (!flood.isDone() || System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS)) {
                acksDuring.add(bystander.sendAndAwaitAck());
                Thread.sleep(100); // a person's pace, under the sending limits
            }
            int sent = flood.get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            List<ServerFrame.Ack> acks = new ArrayList<>();
            long collectUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (Optional<ServerFrame> frame = socket.poll(Duration.ofSeconds(5));
                 frame.isPresent() && System.nanoTime() < collectUntil; frame = socket.poll(Duration.ofMillis(500))) {
                assertThat(frame.get()).as("a flooder is slowed down, not refused").isNotInstanceOf(ServerFrame.Error.class);
                if (frame.get() instanceof ServerFrame.Ack ack) {
                    acks.add(ack);
                }
            }
            double answeredBy = (System.nanoTime() - started) / 1e9;
            socket.close();
            System.out.printf("WebSocket flood: %d sends written in %.1f s (then held back: %s), %d acked by %.1f s;"
                    + " bystander acks %s%n", sent, seconds, heldBack[0], acks.size(), answeredBy, summary(acksDuring));
            assertThat(acks).isNotEmpty();
            assertThat(acks.size()).as("no more than the burst and the rate").isLessThanOrEqualTo(
                    (int) (BURST + PER_SECOND * (answeredBy + 2)));
            for (int i = 0; i < acks.size(); i++) {
                assertThat(acks.get(i).clientMsgId().toString()).as("stored in the order sent").isEqualTo(ids.get(i));
                assertThat(acks.get(i).seq()).isEqualTo(i + 1);
            }
            assertThat(heldBack[0]).as("the node stopped reading the flood: TCP held the client back").isTrue();
            assertThat(median(acksDuring)).as("the bystander's median ack during the flood, ms").isLessThan(1000);
            assertSurvived(node, bystander);
        }
    }

    @Test
    void longPollBatchesOfSendsAreTakenAtTheRateInOrderOneBatchAtATime() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of()); Bystander bystander = new Bystander(node)) {
            HttpProbe http = node.probe();
            LoginResponse flooder = http.newUser("poller");
            LoginResponse target = http.newUser("target");
            long chatId = http.openChat(flooder.token(), target.username());
            HttpProbe.Answer opened = http.call("POST", "/api/poll/sessions", null, flooder.token());
            assertThat(opened.status()).as("%s", opened).isEqualTo(201);
            String session = "/api/poll/sessions/" + opened.as(PollSession.class).sessionId();
            List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            List<ServerFrame.Ack> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger posted = new AtomicInteger();
            AtomicBoolean postingDone = new AtomicBoolean();
            long[] cursor = {0};
            CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
                while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS + 30_000)) {
                    HttpProbe.Answer answer = http.call("GET", session + "?cursor=" + cursor[0], null, flooder.token());
                    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                    PollBatch batch = answer.as(PollBatch.class);
                    cursor[0] = batch.cursor();
                    for (ServerFrame frame : batch.frames()) {
                        assertThat(frame).as("slowed down, not refused").isNotInstanceOf(ServerFrame.Error.class);
                        if (frame instanceof ServerFrame.Ack ack) {
                            acks.add(ack);
                        }
                    }
                    if (postingDone.get() && acks.size() == posted.get()) {
                        return;
                    }
                }
            });
            List<Long> acksDuring = new ArrayList<>();
            HttpProbe.Answer overlapping = null;
            while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS)) {
                String body = batch(ids, chatId);
                CompletableFuture<HttpProbe.Answer> post = CompletableFuture.supplyAsync(
                        () -> http.call("POST", session + "/frames", body, flooder.token()));
                if (overlapping == null && posted.get() > 0) {
                    Thread.sleep(300);
                    overlapping = http.call("POST", session + "/frames", "[]", flooder.token());
                }
                acksDuring.add(bystander.sendAndAwaitAck());
                HttpProbe.Answer answer = post.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as("answered once its frames were taken: %s", answer).isEqualTo(204);
                posted.addAndGet(BATCH);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            postingDone.set(true);
            poller.get(60, TimeUnit.SECONDS);
            System.out.printf("long-poll flood: %d sends taken in %.1f s; bystander acks %s%n", posted.get(), seconds,
                    summary(acksDuring));
            assertThat(overlapping).isNotNull();
            assertThat(overlapping.status()).as("a second batch while one waits: %s", overlapping).isEqualTo(429);
            assertThat(overlapping.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(overlapping.error().retryAfterMs()).isPositive();
            assertThat(posted.get()).as("no more than the burst and the rate")
                    .isLessThanOrEqualTo((int) (BURST + PER_SECOND * (seconds + 2)));
            for (int i = 0; i < acks.size(); i++) {
                assertThat(acks.get(i).clientMsgId().toString()).as("stored in the order sent").isEqualTo(ids.get(i));
            }
            assertThat(median(acksDuring)).as("the bystander's median ack during the flood, ms").isLessThan(1000);
            assertSurvived(node, bystander);
        }
    }

    private static String batch(List<String> ids, long chatId) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append(send(ids, chatId));
        }
        return body.append(']').toString();
    }

    private static void assertSurvived(AbuseNode node, Bystander bystander) {
        assertThat(node.isAlive()).isTrue();
        assertThat(node.healthy()).isTrue();
        long held = node.heldBytes();
        System.out.println("held after the flood: " + held / (1024 * 1024) + " MiB");
        assertThat(held).isLessThan(HELD_BOUND);
        bystander.isServed();
        bystander.nothingAckedIsLost();
    }

    /** A send whose ref (its clientMsgId) is remembered in {@code ids}, in the order sent. */
    private static String send(List<String> ids, long chatId) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        return "{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + chatId + ",\"text\":\"x\"}";
    }

    private static long median(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.isEmpty() ? "none" : sorted.size() + " acks, median " + sorted.get(sorted.size() / 2)
                + " ms, max " + sorted.getLast() + " ms";
    }
}
