package parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(5);

    @Test
    void ceilingDoublesFromBaseUntilTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(1));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.ceiling(6)).isEqualTo(CAP);
        assertThat(backoff.ceiling(62)).isEqualTo(CAP);
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(CAP);
    }

    @Test
    void everyDelayLiesBetweenZeroAndItsCeiling() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(7));
        for (int attempt = 0; attempt < 200; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            assertThat(backoff.next()).isBetween(Duration.ZERO, ceiling);
        }
    }

    @Test
    void fullJitterSpreadsDelaysOverTheWholeRange() {
        Random seeded = new Random(42);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Backoff backoff = new Backoff(BASE, CAP, seeded);
            for (int skip = 0; skip < 10; skip++) {
                backoff.next();
            }
            delays.add(backoff.next().toMillis()); // attempt 10: ceiling is the cap
        }
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, CAP.toMillis()));
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(CAP.toMillis() / 10);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(CAP.toMillis() * 9 / 10);
        double mean = delays.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(mean).isBetween(CAP.toMillis() * 0.4, CAP.toMillis() * 0.6);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(BASE, CAP, new Random(3));
        Backoff b = new Backoff(BASE, CAP, new Random(3));
        for (int i = 0; i < 20; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void resetStartsAgainFromTheBase() {
        Backoff backoff = new Backoff(BASE, CAP, new Random(5));
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }
        assertThat(backoff.attempts()).isEqualTo(8);
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        for (int i = 0; i < 100; i++) {
            backoff.reset();
            assertThat(backoff.next()).isLessThanOrEqualTo(BASE);
        }
    }
}
