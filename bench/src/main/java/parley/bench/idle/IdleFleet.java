package parley.bench.idle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import parley.bench.load.BenchUser;
import parley.bench.wire.WireClients;
import parley.bench.wire.WireListener;
import parley.bench.wire.WireSession;
import parley.protocol.frame.ServerFrame;

/**
 * The idle sessions of a run: opened at a bounded rate with a bounded number of upgrades in
 * flight, each timed from its open to its {@code ready}; then counted as they stay up (only
 * heartbeats flow) or drop. Opening happens on the caller's thread; the counters are updated on
 * the event loops and read anywhere (adders and atomics).
 */
final class IdleFleet implements AutoCloseable {
    private final WireClients clients;
    private final List<WireSession> sessions = new ArrayList<>();
    private final Recorder connectMicros = new Recorder(3);
    private final LongAdder ready = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final List<String> failures = new ArrayList<>();

    IdleFleet(WireClients clients) {
        this.clients = clients;
    }

    /**
     * Opens a session per user, at most {@code ratePerSecond} a second and {@code maxOpening} at once.
     * Returns when every open was started (not when all are up: see {@link #settled()}).
     */
    void open(List<BenchUser> users, int ratePerSecond, int maxOpening) throws InterruptedException {
        Semaphore opening = new Semaphore(maxOpening);
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        for (int i = 0; i < users.size(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            opening.acquire();
            sessions.add(clients.open(users.get(i).token(), new Listener(opening, System.nanoTime()), users.get(i))
                    .session());
        }
    }

    long started() {
        return sessions.size();
    }

    long ready() {
        return ready.sum();
    }

    long failed() {
        return failed.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** Every started open ended up ready or failed. */
    boolean settled(long expected) {
        return ready.sum() + failed.sum() >= expected;
    }

    long pongs() {
        long pongs = 0;
        for (WireSession session : sessions) {
            pongs += session.pongs();
        }
        return pongs;
    }

    /** Sessions that are up but have had no pong yet. */
    long withoutPong() {
        return sessions.stream().filter(s -> s.isReady() && s.pongs() == 0).count();
    }

    Recorder connectMicros() {
        return connectMicros;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        sessions.forEach(WireSession::close);
    }

    private synchronized void failure(String why) {
        if (failures.size() < 5) {
            failures.add(why);
        }
    }

    /** One session's events; releases its opening slot once, at ready or at failure. */
    private final class Listener implements WireListener {
        private final Semaphore opening;
        private final long openedAt;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean wasReady;

        Listener(Semaphore opening, long openedAt) {
            this.opening = opening;
            this.openedAt = openedAt;
        }

        @Override
        public void ready(WireSession session, ServerFrame.Ready frame) {
            connectMicros.recordValue(Math.max(0, (System.nanoTime() - openedAt) / 1_000));
            wasReady = true;
            ready.increment();
            release();
        }

        @Override
        public void closed(WireSession session, String why) {
            if (wasReady) {
                dropped.increment();
            } else {
                failed.increment();
                failure(why);
            }
            release();
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                opening.release();
            }
        }
    }
}
