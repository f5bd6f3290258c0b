package parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.config.LimitsConfig;
import parley.server.config.RateLimit;
import parley.server.testing.ManualClock;

class GroupLimitsTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final GroupLimits limits = new GroupLimits(limits(new RateLimit(2, 60_000), new RateLimit(10, 6_000)), clock);

    private static LimitsConfig limits(RateLimit groups, RateLimit members) {
        LimitsConfig d = LimitsConfig.defaults();
        return new LimitsConfig(d.loginsPerAddress(), d.loginFailuresPerAddress(), d.loginFailuresPerAccountAddress(),
                d.loginFailuresPerAccount(), d.registrationsPerAddress(), d.addressesTracked(), d.accountsTracked(),
                d.sendsPerConnection(), d.sendsPerUser(), d.inFlightPerConnection(), groups, members);
    }

    @Test
    void groupsCreatedAreLimitedPerUserWithARetryHint() {
        limits.create(1, 1);
        limits.create(1, 1);
        assertThatThrownBy(() -> limits.create(1, 1)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.retryAfterMillis()).contains(60_000L);
        });
        limits.create(2, 1);
        clock.advance(60_000);
        limits.create(1, 1);
    }

    @Test
    void membersAddedCountAtCreationAndLaterAndARefusedCreationCostsNoGroup() {
        limits.create(1, 8);
        assertThatThrownBy(() -> limits.add(1, 3)).isInstanceOf(ProtocolException.class);
        limits.add(1, 2);
        assertThatThrownBy(() -> limits.create(1, 1)).isInstanceOf(ProtocolException.class);
        clock.advance(6_000);
        limits.create(1, 1); // the refused creation gave its group back: this is the second
        assertThatThrownBy(() -> limits.create(1, 0)).as("two groups a minute").isInstanceOf(ProtocolException.class);
    }

    @Test
    void moreMembersThanTheBurstAreRefusedOutright() {
        assertThatThrownBy(() -> limits.add(1, 11)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.getMessage()).contains("at most 10"));
        limits.add(1, 10);
    }
}
