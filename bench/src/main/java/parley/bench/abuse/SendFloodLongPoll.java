package parley.bench.abuse;

import java.time.Duration;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import parley.protocol.api.PollBatch;
import parley.protocol.api.PollSession;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * The send flood over long polling: one session, several requests at once each posting a batch of
 * {@code send} frames ({@code POST /api/poll/sessions/{id}/frames}, a JSON array), and one poller
 * reading the answers back. Acks are the node doing the work; {@code error} frames and refused
 * posts are refusals. A session the node ends ({@code 404} afterwards) is opened again.
 */
final class SendFloodLongPoll implements Attack {
    private static final int BATCH = 50;
    private static final int POSTERS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AttackSetup setup;
    private final AtomicReference<String> sessionId = new AtomicReference<>();
    private final AtomicLong cursor = new AtomicLong();

    SendFloodLongPoll(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        String token = setup.attacker().token();
        AttackerNet net = setup.net();
        open(control, tally);
        Thread poller = Thread.ofPlatform().daemon().name("bench-abuse-lp-poller").start(() -> poll(control, tally));
        String text = "flood".repeat(20);
        AtomicLong sent = new AtomicLong();
        Workers.run("lp-send", POSTERS, control, tally, worker -> {
            String id = sessionId.get();
            if (id == null) {
                open(control, tally);
                return;
            }
            StringJoiner frames = new StringJoiner(",", "[", "]");
            for (int i = 0; i < BATCH; i++) {
                frames.add(net.codec().encode(new ClientFrame.Send(UUID.randomUUID(), setup.chatId(), text)));
            }
            HttpAnswer answer = net.call("POST", "/api/poll/sessions/" + id + "/frames", token,
                    frames.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), TIMEOUT);
            if (answer.status() == 404) {
                tally.refused("posting frames: 404 (session ended by the node)");
                sessionId.compareAndSet(id, null);
            } else if (answer.ok()) {
                sent.addAndGet(BATCH);
            } else {
                tally.count(answer.kind() == HttpAnswer.Kind.ACCEPTED
                        ? new HttpAnswer(503, "posting frames: " + answer.label(), answer.body()) : answer);
            }
        });
        poller.join(TimeUnit.SECONDS.toMillis(5));
        poller.interrupt();
        poller.join(2_000);
        tally.fact("sends posted", sent.get());
    }

    private synchronized void open(AttackControl control, Tally tally) {
        if (sessionId.get() != null || !control.running()) {
            return;
        }
        HttpAnswer answer = setup.net().call("POST", "/api/poll/sessions", setup.attacker().token(), null, TIMEOUT);
        if (answer.ok()) {
            cursor.set(0);
            sessionId.set(setup.net().codec().read(answer.body(), PollSession.class).sessionId());
        } else {
            tally.count(answer);
            control.pause(200);
        }
    }

    private void poll(AttackControl control, Tally tally) {
        while (control.running()) {
            String id = sessionId.get();
            if (id == null) {
                control.pause(50);
                continue;
            }
            long wait = Math.min(TimeUnit.NANOSECONDS.toMillis(control.remainingNanos()) + 2_000, 30_000);
            HttpAnswer answer = setup.net().call("GET", "/api/poll/sessions/" + id + "?cursor=" + cursor.get(),
                    setup.attacker().token(), null, Duration.ofMillis(wait));
            if (answer.status() == 404) {
                sessionId.compareAndSet(id, null);
                continue;
            }
            if (!answer.ok()) {
                control.pause(50);
                continue;
            }
            PollBatch batch = setup.net().codec().read(answer.body(), PollBatch.class);
            for (ServerFrame frame : batch.frames()) {
                if (frame instanceof ServerFrame.Ack) {
                    tally.accepted("ack");
                } else if (frame instanceof ServerFrame.Error e) {
                    tally.refused("error " + e.code().wire() + (e.ref() == null ? " (session ended)" : ""));
                }
            }
            cursor.set(batch.cursor());
        }
    }

    @Override
    public void release(Tally tally) {
        String id = sessionId.getAndSet(null);
        if (id != null) {
            setup.net().call("DELETE", "/api/poll/sessions/" + id, setup.attacker().token(), null, TIMEOUT);
        }
    }
}
