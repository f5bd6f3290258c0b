package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * messages in 15 s. Now a connection sends its burst (100) and then 20 a second; the rest is
 * answered {@code rate_limited} with the send's ref and a retry hint, and the bystander's acks
 * stay quick.
 */
class SendFloodAbuseIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final int BURST = 100;
    private static final int PER_SECOND = 20;
    private static final long HELD_BOUND = 128L * 1024 * 1024;
    private static final long FLOOD_MILLIS = 12_000;
    /** Sends per long-poll POST: as many as fit the default body limit of 64 KiB. */
    private static final int BATCH = 500;

    @Test
    void aWebSocketFloodIsRateLimitedAndOthersAcksStayQuick() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of()); Bystander bystander = new Bystander(node)) {
            HttpProbe http = node.probe();
            LoginResponse flooder = http.newUser("flooder");
            LoginResponse target = http.newUser("target");
            long chatId = http.openChat(flooder.token(), target.username());
            RawSocket socket = RawSocket.connect(node.ws(), flooder.token());
            socket.next(ServerFrame.Ready.class);
            Set<String> ids = ConcurrentHashMap.newKeySet();
            long started = System.nanoTime();
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                while (sent < 100_000 && System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS)) {
                    socket.send(send(ids, chatId));
                    sent++;
                }
                return sent;
            });
            List<Long> acksDuring = new ArrayList<>();
            while (!flood.isDone()) {
                acksDuring.add(bystander.sendAndAwaitAck());
                Thread.sleep(100); // a person's pace, under the sending limits
            }
            bystander.pingAndAwaitPong();
            int sent = flood.get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            int acked = 0;
            int limited = 0;
            for (Optional<ServerFrame> frame = socket.poll(Duration.ofSeconds(5)); frame.isPresent();
                 frame = socket.poll(Duration.ofSeconds(2))) {
                if (frame.get() instanceof ServerFrame.Ack) {
                    acked++;
                } else if (frame.get() instanceof ServerFrame.Error error) {
                    assertThat(error.code()).as("%s", error).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(ids.contains(error.ref())).as("the error's ref %s is a send's", error.ref()).isTrue();
                    assertThat(error.retryAfterMs()).isPositive();
                    limited++;
                }
            }
            socket.close();
            System.out.printf("WebSocket flood: %d sends in %.1f s, %d acked, %d rate_limited; bystander acks %s%n",
                    sent, seconds, acked, limited, summary(acksDuring));
            assertThat(acked + limited).as("every send answered").isEqualTo(sent);
            assertThat(acked).isPositive().isLessThanOrEqualTo((int) (BURST + PER_SECOND * (seconds + 2)));
            assertThat(acksDuring).isNotEmpty();
            assertThat(median(acksDuring)).as("the bystander's median ack during the flood, ms").isLessThan(1000);
            assertSurvived(node, bystander);
        }
    }

    @Test
    void longPollBatchesOfSendsAreRefusedPastTheCapAndTheRate() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of()); Bystander bystander = new Bystander(node)) {
            HttpProbe http = node.probe();
            LoginResponse flooder = http.newUser("poller");
            LoginResponse target = http.newUser("target");
            long chatId = http.openChat(flooder.token(), target.username());
            HttpProbe.Answer opened = http.call("POST", "/api/poll/sessions", null, flooder.token());
            assertThat(opened.status()).as("%s", opened).isEqualTo(201);
            String session = "/api/poll/sessions/" + opened.as(PollSession.class).sessionId();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            long started = System.nanoTime();
            AtomicInteger acked = new AtomicInteger();
            AtomicInteger limited = new AtomicInteger();
            AtomicInteger posted = new AtomicInteger();
            AtomicBoolean postingDone = new AtomicBoolean();
            long[] cursor = {0};
            CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
                while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS + 8000)) {
                    HttpProbe.Answer answer = http.call("GET", session + "?cursor=" + cursor[0], null, flooder.token());
                    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                    PollBatch batch = answer.as(PollBatch.class);
                    cursor[0] = batch.cursor();
                    for (ServerFrame frame : batch.frames()) {
                        if (frame instanceof ServerFrame.Ack) {
                            acked.incrementAndGet();
                        } else if (frame instanceof ServerFrame.Error error) {
                            assertThat(error.code()).as("%s", error).isEqualTo(ErrorCode.RATE_LIMITED);
                            assertThat(ids.contains(error.ref())).as("the error's ref %s is a send's", error.ref()).isTrue();
                            assertThat(error.retryAfterMs()).isPositive();
                            limited.incrementAndGet();
                        }
                    }
                    if (postingDone.get() && acked.get() + limited.get() == posted.get()) {
                        return;
                    }
                }
            });
            List<Long> acksDuring = new ArrayList<>();
            int batch = 0;
            while (batch < 100 && System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS)) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < BATCH; i++) {
                    body.append(i == 0 ? "" : ",").append(send(ids, chatId));
                }
                HttpProbe.Answer answer = http.call("POST", session + "/frames", body.append(']').toString(),
                        flooder.token());
                assertThat(answer.status()).as("%s", answer).isEqualTo(204);
                posted.addAndGet(BATCH);
                batch++;
                acksDuring.add(bystander.sendAndAwaitAck());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            postingDone.set(true);
            poller.get(60, TimeUnit.SECONDS);
            System.out.printf("long-poll flood: %d sends in %.1f s, %d acked, %d rate_limited; bystander acks %s%n",
                    posted.get(), seconds, acked.get(), limited.get(), summary(acksDuring));
            assertThat(acked.get() + limited.get()).as("every send answered").isEqualTo(posted.get());
            assertThat(acked.get()).isPositive().isLessThanOrEqualTo((int) (BURST + PER_SECOND * (seconds + 2)));
            assertThat(median(acksDuring)).as("the bystander's median ack during the flood, ms").isLessThan(1000);
            assertSurvived(node, bystander);
        }
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

    /** A send whose ref (its clientMsgId) is remembered in {@code ids}. */
    private static String send(Set<String> ids, long chatId) {
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
