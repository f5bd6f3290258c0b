package parley.server.health;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that a timer thread still runs what it is given: each check posts a no-op to it and
 * reports the thread stuck when the previous one has not run after {@code stuckMillis}, and dead
 * when it refuses work (shut down). Timers expire sessions and send offline notices; one that
 * stopped would let memory and presence go stale while every request still looked fine.
 *
 * <p>Thread-safe: the check runs on the health thread, the no-op on the timer; they share only
 * atomics.
 */
public final class SchedulerCanary implements HealthCheck {
    private final String name;
    private final Executor timer;
    private final Clock clock;
    private final long stuckMillis;
    /** When the last posted no-op was posted, or 0 once it ran. */
    private final AtomicLong pendingSince = new AtomicLong();

    public SchedulerCanary(String name, Executor timer, Clock clock, long stuckMillis) {
        this.name = name;
        this.timer = timer;
        this.clock = clock;
        this.stuckMillis = stuckMillis;
    }

    @Override
    public Optional<Problem> check() {
        long now = clock.millis();
        long since = pendingSince.get();
        if (since != 0) {
            return now - since > stuckMillis
                    ? HealthCheck.stuck("the " + name + " timer has not run for " + (now - since) / 1000 + " s")
                    : Optional.empty();
        }
        pendingSince.set(now);
        try {
            timer.execute(() -> pendingSince.set(0));
        } catch (RejectedExecutionException e) {
            return HealthCheck.dead("the " + name + " timer has stopped");
        }
        return Optional.empty();
    }
}
