package parley.bench.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open loop: one thread sends at a fixed total rate, round-robin over the lanes, whatever the
 * server answers. Message {@code i} is meant to go at {@code start + i / rate}; when the thread
 * falls behind (a GC pause, a busy machine) it catches up at once and keeps each message's
 * intended time, so the latency of every message that should have gone during a stall includes
 * the stall (no coordinated omission). A send the SDK refuses (outbox full) is counted and skipped.
 */
public final class OpenLoopPacer implements Driver {
    private final List<Lane> lanes;
    private final double intervalNanos;
    private final RunRecorder recorder;
    private final Thread thread;
    private volatile long end;
    private volatile boolean running;
    private volatile long start;
    private volatile long handed;

    public OpenLoopPacer(List<Lane> lanes, int ratePerSecond, RunRecorder recorder) {
        this.lanes = List.copyOf(lanes);
        this.intervalNanos = 1e9 / ratePerSecond;
        this.recorder = recorder;
        this.thread = Thread.ofPlatform().name("bench-pacer").daemon().unstarted(this::run);
    }

    @Override
    public void start(long endNanos) {
        end = endNanos;
        running = true;
        thread.start();
    }

    private void run() {
        start = recorder.now();
        long i = 0;
        while (running) {
            long intended = start + (long) (i * intervalNanos);
            if (intended - end >= 0) {
                return;
            }
            long wait = intended - recorder.now();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
                continue;
            }
            lanes.get((int) (i % lanes.size())).send(intended, lane -> {
            });
            i++;
            handed = i;
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(1));
    }

    @Override
    public long behind() {
        long due = (long) Math.ceil((end - start) / intervalNanos);
        return Math.max(0, due - handed);
    }
}
