package parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        void advance(long by) {
            millis += by;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 60_000, 2, clock);

    @Test
    void aNameIsRefusedAfterTooManyFailuresUntilTheyAgeOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allows("alice")).isTrue();
            throttle.failed("alice");
            clock.advance(1_000);
        }
        assertThat(throttle.allows("ALICE")).as("names are compared without case").isFalse();
        assertThat(throttle.allows("bob")).isTrue();
        clock.advance(58_000);
        assertThat(throttle.allows("alice")).as("the oldest failure left the window").isTrue();
    }

    @Test
    void aSuccessClearsTheFailures() {
        throttle.failed("alice");
        throttle.failed("alice");
        throttle.succeeded("alice");
        throttle.failed("alice");
        throttle.failed("alice");
        assertThat(throttle.allows("alice")).isTrue();
    }

    @Test
    void itRemembersABoundedNumberOfNames() {
        for (String name : new String[] {"a", "b", "c"}) {
            for (int i = 0; i < 3; i++) {
                throttle.failed(name);
            }
        }
        assertThat(throttle.allows("a")).as("forgotten: only the 2 most recent names are kept").isTrue();
        assertThat(throttle.allows("c")).isFalse();
    }
}
