package parley.bench.abuse;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * When an attack must stop: at its deadline, when the run stops it, or when its budget of
 * attempts (requests, messages, connections) is spent, whichever comes first. Every loop of an
 * attack asks {@link #running()} or {@link #take()}, so each is bounded in time and in count.
 * Thread-safe.
 */
final class AttackControl {
    private final long deadlineNanos;
    private final AtomicLong budget;
    private volatile boolean stopped;

    AttackControl(long deadlineNanos, long budget) {
        this.deadlineNanos = deadlineNanos;
        this.budget = new AtomicLong(budget);
    }

    boolean running() {
        return !stopped && System.nanoTime() - deadlineNanos < 0 && !Thread.currentThread().isInterrupted();
    }

    /** One attempt from the budget; false when the attack must stop. */
    boolean take() {
        return running() && budget.getAndDecrement() > 0;
    }

    /** Nanoseconds left before the deadline (at least 0). */
    long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    void stop() {
        stopped = true;
    }

    /** Sleeps up to {@code millis}, less if the attack must stop first; false when it must. */
    boolean pause(long millis) {
        long until = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), deadlineNanos);
        long wait;
        while (running() && (wait = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20)));
        }
        return running();
    }
}
