package parley.server.health;

import java.util.Optional;

/**
 * One component's account of itself, asked every few seconds by {@link NodeHealth}: nothing when
 * it works, else what is wrong. Must answer at once (read a timestamp, a flag); a check that has
 * to wait for something does that waiting elsewhere and reports what it last saw.
 */
@FunctionalInterface
public interface HealthCheck {

    /** How bad a problem is: a dead part never comes back (restart the node); a stuck one may. */
    enum Severity { DEAD, STUCK }

    record Problem(Severity severity, String what) {
    }

    Optional<Problem> check();

    static Optional<Problem> dead(String what) {
        return Optional.of(new Problem(Severity.DEAD, what));
    }

    static Optional<Problem> stuck(String what) {
        return Optional.of(new Problem(Severity.STUCK, what));
    }
}
