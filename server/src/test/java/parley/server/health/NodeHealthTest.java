package parley.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import parley.server.testing.ManualClock;

/** What the checks report, part by part, with a clock the test moves. */
class NodeHealthTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void aTimerThatStopsRunningIsStuckAndOneThatRefusesWorkIsDead() {
        List<Runnable> posted = new ArrayList<>();
        boolean[] shutDown = new boolean[1];
        Executor timer = task -> {
            if (shutDown[0]) {
                throw new RejectedExecutionException("shut down");
            }
            posted.add(task);
        };
        SchedulerCanary canary = new SchedulerCanary("presence", timer, clock, 10_000);
        assertThat(canary.check()).isEmpty();
        posted.getFirst().run();
        assertThat(canary.check()).isEmpty();
        clock.advance(10_001);
        assertThat(canary.check()).hasValueSatisfying(p -> assertThat(p.severity()).isEqualTo(HealthCheck.Severity.STUCK));
        posted.get(1).run();
        shutDown[0] = true;
        assertThat(canary.check()).hasValueSatisfying(p -> assertThat(p.severity()).isEqualTo(HealthCheck.Severity.DEAD));
    }

    @Test
    void aDatabaseReadThatFailsOrHangsMakesTheStoreStuckAndOneThatAnswersHealsIt() {
        List<Runnable> reads = new ArrayList<>();
        boolean[] failing = {true};
        StoreProbe probe = new StoreProbe(() -> {
            if (failing[0]) {
                throw new IllegalStateException("connection refused");
            }
        }, reads::add, clock, 30_000);
        assertThat(probe.check()).isEmpty();
        reads.removeFirst().run();
        assertThat(probe.check()).hasValueSatisfying(p -> assertThat(p.what()).contains("connection refused"));
        failing[0] = false;
        clock.advance(30_001);
        assertThat(probe.check()).as("a read that has not come back for 30 s: the database hangs")
                .hasValueSatisfying(p -> assertThat(p.what()).contains("not answered"));
        assertThat(reads).as("no second read while one is running").hasSize(1);
        reads.removeFirst().run();
        assertThat(probe.check()).isEmpty();
    }

    @Test
    void theReportSeparatesDeadFromStuckAndSurvivesACheckThatThrows() {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("writer", () -> HealthCheck.dead("the writer thread has stopped"));
        checks.put("database", () -> HealthCheck.stuck("slow"));
        checks.put("broken", () -> {
            throw new IllegalStateException("boom");
        });
        checks.put("fine", java.util.Optional::empty);
        try (NodeHealth health = new NodeHealth(checks)) {
            NodeHealth.Report report = health.runChecks();
            assertThat(report.live()).isFalse();
            assertThat(report.dead()).containsExactly("writer: the writer thread has stopped");
            assertThat(report.stuck()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("broken:"));
            assertThat(health.report()).isEqualTo(report);
        }
    }
}
