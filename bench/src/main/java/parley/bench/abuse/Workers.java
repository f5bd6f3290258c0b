package parley.bench.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an attack's step on {@code n} threads at once, each repeating it while the attack's
 * {@link AttackControl} grants attempts; waits for them, and interrupts the ones still busy a
 * grace period after the deadline (a step blocked in a request ends with its timeout).
 */
final class Workers {
    private static final long GRACE_MILLIS = 15_000;

    /** One attempt of the attack, on a worker's thread; {@code worker} is its number. */
    @FunctionalInterface
    interface Step {
        void attempt(int worker) throws Exception;
    }

    private Workers() {
    }

    static void run(String name, int n, AttackControl control, Tally tally, Step step) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int worker = i;
            threads.add(Thread.ofPlatform().daemon().name("bench-abuse-" + name + "-" + i).start(() -> {
                while (control.take()) {
                    try {
                        step.attempt(worker);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        tally.failed(e.getClass().getSimpleName());
                    }
                }
            }));
        }
        long until = System.nanoTime() + control.remainingNanos() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
            thread.join(Math.max(1, left));
        }
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(2_000);
        }
    }
}
