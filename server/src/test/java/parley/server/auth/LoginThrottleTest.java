package parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.config.LimitsConfig;
import parley.server.config.RateLimit;
import parley.server.testing.ManualClock;

class LoginThrottleTest {
    private static final long MINUTE = 60_000;
    private final ManualClock clock = new ManualClock(1_000_000);

    /** 100 logins per address; 6 failures per address; 3 per account and address; 5 per account; 1 a minute each. */
    private LoginThrottle throttle(int tracked) {
        LimitsConfig d = LimitsConfig.defaults();
        return new LoginThrottle(new LimitsConfig(new RateLimit(100, MINUTE), new RateLimit(6, MINUTE),
                new RateLimit(3, MINUTE), new RateLimit(5, MINUTE), d.registrationsPerAddress(), tracked, tracked,
                d.sendsPerConnection(), d.sendsPerUser(), d.inFlightPerConnection(), d.groupsCreatedPerUser(),
                d.membersAddedPerUser()), clock);
    }

    private static void fail(LoginThrottle throttle, String address, long account) {
        throttle.attempt(address);
        throttle.guess(address, OptionalLong.of(account)); // not succeeded: a failure
    }

    private static void refused(Runnable login) {
        assertThatThrownBy(login::run).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.retryAfterMillis()).hasValueSatisfying(ms -> assertThat(ms).isPositive());
        });
    }

    @Test
    void aGuesserOfOneAccountIsLockedOutButTheOwnerElsewhereIsNot() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "198.51.100.1", 7);
        }
        throttle.attempt("198.51.100.1");
        refused(() -> throttle.guess("198.51.100.1", OptionalLong.of(7)));
        throttle.attempt("203.0.113.9");
        throttle.guess("203.0.113.9", OptionalLong.of(7)).succeeded();
        clock.advance(MINUTE);
        throttle.guess("198.51.100.1", OptionalLong.of(7)); // one guess came back
        refused(() -> throttle.guess("198.51.100.1", OptionalLong.of(7)));
    }

    @Test
    void distributedGuessingHitsTheAccountsCeiling() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 5; i++) {
            fail(throttle, "198.51.100." + i, 7);
        }
        refused(() -> throttle.guess("198.51.100.99", OptionalLong.of(7)));
        throttle.guess("198.51.100.99", OptionalLong.of(8)).succeeded(); // another account is not affected
    }

    @Test
    void oneAddressSprayingManyNamesRunsOutOfFailures() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 6; i++) {
            throttle.attempt("198.51.100.1");
            throttle.guess("198.51.100.1", i % 2 == 0 ? OptionalLong.empty() : OptionalLong.of(i));
        }
        refused(() -> throttle.attempt("198.51.100.1"));
        throttle.attempt("198.51.100.2");
    }

    @Test
    void aRightPasswordGivesItsFailureBackAndClearsTheAccountsRecordFromThatAddress() {
        LoginThrottle throttle = throttle(1000);
        fail(throttle, "198.51.100.1", 7);
        fail(throttle, "198.51.100.1", 7);
        throttle.guess("198.51.100.1", OptionalLong.of(7)).succeeded();
        for (int i = 0; i < 3; i++) {
            fail(throttle, "198.51.100.1", 7);
        }
        refused(() -> throttle.guess("198.51.100.1", OptionalLong.of(7)));
    }

    @Test
    void loginsPerAddressAreLimitedWhateverTheOutcome() {
        LoginThrottle throttle = throttle(1000);
        for (int i = 0; i < 100; i++) {
            throttle.attempt("198.51.100.1");
        }
        refused(() -> throttle.attempt("198.51.100.1"));
    }

    @Test
    void junkNamesFromManyAddressesNeitherGrowTheTablesNorFreeALockedAccount() {
        LoginThrottle throttle = throttle(200);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "198.51.100.1", 7);
        }
        for (int i = 0; i < 20_000; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            throttle.attempt(address);
            throttle.guess(address, OptionalLong.empty()); // a made-up username
        }
        assertThat(throttle.entries()).isLessThanOrEqualTo(4 * 200);
        refused(() -> throttle.guess("198.51.100.1", OptionalLong.of(7)));
    }
}
