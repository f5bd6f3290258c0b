package parley.server.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's health, as {@code /healthz} and {@code /readyz} tell it: every {@code periodMillis}
 * it asks each {@link HealthCheck} and keeps what they said. Live means no part is dead (else an
 * orchestrator should restart the node); ready means live, nothing stuck and not draining (else a
 * load balancer should send clients elsewhere). A node that limps on with a dead writer or a stuck
 * pool must not keep answering 200.
 *
 * <p>Thread-safe: checks run on one thread of their own; readers see the last report through a
 * volatile field.
 */
public final class NodeHealth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHealth.class);

    /** What the checks last said. */
    public record Report(List<String> dead, List<String> stuck) {
        public Report {
            dead = List.copyOf(dead);
            stuck = List.copyOf(stuck);
        }

        public boolean live() {
            return dead.isEmpty();
        }

        public boolean healthy() {
            return dead.isEmpty() && stuck.isEmpty();
        }

        public List<String> problems() {
            List<String> all = new ArrayList<>(dead);
            all.addAll(stuck);
            return all;
        }
    }

    private final Map<String, HealthCheck> checks;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-health").daemon(true).factory());
    private volatile Report last = new Report(List.of(), List.of());

    /** @param checks by the name of the part they check, in the order to report them */
    public NodeHealth(Map<String, HealthCheck> checks) {
        this.checks = checks;
    }

    public void start(long periodMillis) {
        thread.scheduleWithFixedDelay(this::runChecks, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Asks every check now; also for tests. */
    public Report runChecks() {
        List<String> dead = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        checks.forEach((name, check) -> {
            Optional<HealthCheck.Problem> problem;
            try {
                problem = check.check();
            } catch (RuntimeException e) {
                problem = HealthCheck.stuck("its check failed: " + e);
            }
            problem.ifPresent(p -> (p.severity() == HealthCheck.Severity.DEAD ? dead : stuck)
                    .add(name + ": " + p.what()));
        });
        Report report = new Report(dead, stuck);
        if (!report.healthy() && !report.equals(last)) {
            LOG.warn("unhealthy: {}", report.problems());
        } else if (report.healthy() && !last.healthy()) {
            LOG.info("healthy again");
        }
        last = report;
        return report;
    }

    public Report report() {
        return last;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
