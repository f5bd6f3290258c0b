package parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import parley.server.config.RateLimit;
import parley.server.testing.ManualClock;

class BucketTableTest {
    private final ManualClock clock = new ManualClock(1_000_000);

    @Test
    void aKeyGetsItsBurstThenOneTokenPerRefillAndIsToldHowLongToWait() {
        BucketTable<String> table = new BucketTable<>(new RateLimit(3, 1000), 10, clock);
        assertThat(table.take("a")).isZero();
        assertThat(table.take("a")).isZero();
        assertThat(table.take("a")).isZero();
        assertThat(table.take("a")).isEqualTo(1000);
        assertThat(table.take("b")).as("another key has its own bucket").isZero();
        clock.advance(400);
        assertThat(table.take("a")).isEqualTo(600);
        clock.advance(600);
        assertThat(table.take("a")).isZero();
        assertThat(table.take("a")).isEqualTo(1000);
    }

    @Test
    void takingSeveralIsAllOrNone() {
        BucketTable<Long> table = new BucketTable<>(new RateLimit(10, 100), 10, clock);
        assertThat(table.take(1L, 8)).isZero();
        assertThat(table.take(1L, 3)).as("only 2 left: none taken").isEqualTo(100);
        assertThat(table.take(1L, 2)).isZero();
        assertThat(table.take(1L, 1)).isEqualTo(100);
    }

    @Test
    void waitingTakesNothingAndGivingBackRestoresAToken() {
        BucketTable<String> table = new BucketTable<>(new RateLimit(1, 5000), 10, clock);
        assertThat(table.waitFor("a")).isZero();
        assertThat(table.size()).as("looking makes no entry").isZero();
        assertThat(table.take("a")).isZero();
        assertThat(table.waitFor("a")).isEqualTo(5000);
        assertThat(table.waitFor("a")).isEqualTo(5000);
        table.giveBack("a");
        assertThat(table.waitFor("a")).isZero();
        table.giveBack("a");
        assertThat(table.take("a")).isZero();
        assertThat(table.take("a")).as("never more than the burst").isEqualTo(5000);
    }

    @Test
    void aFullTableForgetsFullBucketsFirst() {
        BucketTable<String> table = new BucketTable<>(new RateLimit(2, 1000), 3, clock);
        table.take("limited");
        table.take("limited");
        table.take("old");
        clock.advance(1000); // "old" is full again, "limited" has one token of two
        table.take("x");
        table.take("y");
        assertThat(table.size()).isLessThanOrEqualTo(3);
        assertThat(table.take("limited")).isZero();
        assertThat(table.take("limited")).as("its record survived the new keys").isPositive();
    }

    @Test
    void aFloodOfNewKeysNeverPushesOutAKeyThatIsRunningDry() {
        BucketTable<String> table = new BucketTable<>(new RateLimit(5, 60_000), 100, clock);
        for (int i = 0; i < 5; i++) {
            table.take("victim");
        }
        for (int i = 0; i < 10_000; i++) {
            table.take("junk-" + i);
            assertThat(table.size()).isLessThanOrEqualTo(100);
        }
        assertThat(table.take("victim")).as("still limited after 10,000 new keys").isPositive();
    }
}
