package parley.bench.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Waits for a condition, never longer than a bound, calling a progress callback once a second
 * with the seconds elapsed: every wait of a run is bounded in time. Used on the run's main thread.
 */
public final class BoundedWait {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private BoundedWait() {
    }

    /**
     * @return true when {@code done} held before {@code limit} ran out
     */
    public static boolean until(BooleanSupplier done, Duration limit, LongConsumer everySecond) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long nextTick = start + TimeUnit.SECONDS.toNanos(1);
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return false;
            }
            if (now - nextTick >= 0) {
                everySecond.accept(TimeUnit.NANOSECONDS.toSeconds(now - start));
                nextTick += TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** Sleeps {@code seconds}, calling {@code everySecond} after each one. */
    public static void hold(long seconds, LongConsumer everySecond) {
        long start = System.nanoTime();
        for (long s = 1; s <= seconds; s++) {
            long wake = start + TimeUnit.SECONDS.toNanos(s);
            long wait;
            while ((wait = wake - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            everySecond.accept(s);
        }
    }
}
