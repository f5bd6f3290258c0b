package parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.config.LimitsConfig;
import parley.server.config.RateLimit;
import parley.server.testing.ManualClock;

class ConnectionBudgetTest {
    private final ManualClock clock = new ManualClock(1_000_000);

    private static LimitsConfig limits(RateLimit perConnection, RateLimit perUser, int inFlight) {
        LimitsConfig d = LimitsConfig.defaults();
        return new LimitsConfig(d.loginsPerAddress(), d.loginFailuresPerAddress(), d.loginFailuresPerAccountAddress(),
                d.loginFailuresPerAccount(), d.registrationsPerAddress(), d.addressesTracked(), d.accountsTracked(),
                perConnection, perUser, inFlight, d.groupsCreatedPerUser(), d.membersAddedPerUser());
    }

    @Test
    void aConnectionSendsItsBurstThenAtItsRateAndIsToldWhenToRetry() {
        SendLimits node = new SendLimits(limits(new RateLimit(3, 100), new RateLimit(1000, 1), 64), clock);
        ConnectionBudget budget = node.connection(1);
        budget.takeSend();
        budget.takeSend();
        budget.takeSend();
        assertThatThrownBy(budget::takeSend).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.retryAfterMillis()).contains(100L);
        });
        clock.advance(100);
        budget.takeSend();
    }

    @Test
    void theUsersRateIsSharedByItsConnectionsButNotWithOtherUsers() {
        SendLimits node = new SendLimits(limits(new RateLimit(100, 1), new RateLimit(4, 1000), 64), clock);
        ConnectionBudget phone = node.connection(1);
        ConnectionBudget laptop = node.connection(1);
        phone.takeSend();
        phone.takeSend();
        laptop.takeSend();
        laptop.takeSend();
        assertThatThrownBy(phone::takeSend).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(laptop::takeSend).isInstanceOf(ProtocolException.class);
        node.connection(2).takeSend();
    }

    @Test
    void aRefusalByTheUsersRateCostsTheConnectionNothing() {
        SendLimits node = new SendLimits(limits(new RateLimit(2, 1_000_000), new RateLimit(1, 1000), 64), clock);
        ConnectionBudget budget = node.connection(1);
        budget.takeSend();
        assertThatThrownBy(budget::takeSend).as("the user's rate").isInstanceOf(ProtocolException.class);
        clock.advance(1000);
        budget.takeSend(); // the connection still had its second token
        assertThatThrownBy(budget::takeSend).isInstanceOf(ProtocolException.class);
    }

    @Test
    void pastTheCapInFlightRequestsAreRefusedUntilOneEnds() {
        ConnectionBudget budget = new SendLimits(limits(new RateLimit(100, 1), new RateLimit(100, 1), 2), clock)
                .connection(1);
        Runnable first = budget.begin();
        budget.begin();
        assertThat(budget.full()).isTrue();
        assertThatThrownBy(budget::begin).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.retryAfterMillis()).isPresent());
        first.run();
        first.run(); // ending twice counts once
        assertThat(budget.inFlight()).isEqualTo(1);
        assertThat(budget.full()).isFalse();
        budget.begin();
        assertThat(budget.full()).isTrue();
    }

    @Test
    void aPausedConnectionIsWokenOnceWhenARequestEnds() {
        ConnectionBudget budget = new SendLimits(limits(new RateLimit(100, 1), new RateLimit(100, 1), 1), clock)
                .connection(1);
        Runnable done = budget.begin();
        AtomicInteger wakes = new AtomicInteger();
        budget.awaitRoom(wakes::incrementAndGet);
        assertThat(wakes).hasValue(0);
        done.run();
        assertThat(wakes).hasValue(1);
        budget.begin().run();
        assertThat(wakes).as("a wake-up is for one pause").hasValue(1);
        budget.awaitRoom(wakes::incrementAndGet);
        assertThat(wakes).as("not full: woken at once").hasValue(2);
    }

    @Test
    void manyThreadsEndingRequestsLeaveTheCountExact() throws Exception {
        ConnectionBudget budget = new SendLimits(limits(new RateLimit(100, 1), new RateLimit(100, 1), 10_000), clock)
                .connection(1);
        List<Runnable> ends = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            ends.add(budget.begin());
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t * 2000;
            threads.add(Thread.ofPlatform().start(() -> ends.subList(from, from + 2000).forEach(Runnable::run)));
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(budget.inFlight()).isZero();
    }
}
