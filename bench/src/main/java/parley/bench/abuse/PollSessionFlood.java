package parley.bench.abuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import parley.protocol.api.PollSession;

/**
 * Long-poll sessions opened in bulk by one device and never polled: each is a session the node
 * keeps (with its outbound queue) until it expires unpolled. At the end the attacker deletes what
 * it opened, for a bounded time; the rest expire on their own.
 */
final class PollSessionFlood implements Attack {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RELEASE_LIMIT = Duration.ofSeconds(10);

    private final AttackSetup setup;
    private final Queue<String> opened = new ConcurrentLinkedQueue<>();

    PollSessionFlood(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        String token = setup.attacker().token();
        Workers.run("poll", setup.options().concurrency(), control, tally, worker -> {
            HttpAnswer answer = setup.net().call("POST", "/api/poll/sessions", token, null, TIMEOUT);
            tally.count(answer);
            if (answer.ok()) {
                opened.add(setup.net().codec().read(answer.body(), PollSession.class).sessionId());
            }
        });
        tally.fact("sessions opened", opened.size());
    }

    @Override
    public void release(Tally tally) {
        String token = setup.attacker().token();
        long until = System.nanoTime() + RELEASE_LIMIT.toNanos();
        AtomicInteger deleted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().daemon().name("bench-abuse-poll-release-" + i).start(() -> {
                String id;
                while (System.nanoTime() - until < 0 && (id = opened.poll()) != null) {
                    if (setup.net().call("DELETE", "/api/poll/sessions/" + id, token, null, TIMEOUT).ok()) {
                        deleted.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join(RELEASE_LIMIT.toMillis() + TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        tally.fact("sessions deleted afterwards", deleted.get());
        tally.fact("sessions left to expire", opened.size());
    }
}
