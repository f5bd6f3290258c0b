package parley.server.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.protocol.api.HealthStatus;
import parley.server.health.NodeHealth;

/**
 * What the health endpoints answer. Live ({@code /healthz}, {@code /livez}): no part of the node
 * is dead. Ready ({@code /readyz}): started, not draining, and no part dead or stuck, so that a load
 * balancer sends clients only to a node that can serve them, and stops before the node closes
 * their connections on shutdown.
 */
public final class Readiness {
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile NodeHealth health;

    /** The node has started; from now on its health decides. */
    public void ready(NodeHealth nodeHealth) {
        this.health = nodeHealth;
        ready.set(true);
    }

    public void draining() {
        ready.set(false);
    }

    public boolean isReady() {
        return ready.get() && (health == null || health.report().healthy());
    }

    /** The answer of {@code /healthz}: 200 unless a part is dead. */
    public Answer liveness() {
        NodeHealth.Report report = report();
        return report.live() ? new Answer(200, new HealthStatus("ok", List.of()))
                : new Answer(503, new HealthStatus("failing", report.dead()));
    }

    /** The answer of {@code /readyz}. */
    public Answer readiness() {
        NodeHealth.Report report = report();
        if (!report.healthy()) {
            return new Answer(503, new HealthStatus("failing", report.problems()));
        }
        return ready.get() ? new Answer(200, new HealthStatus("ready", List.of()))
                : new Answer(503, new HealthStatus("draining", List.of()));
    }

    private NodeHealth.Report report() {
        NodeHealth current = health;
        return current == null ? new NodeHealth.Report(List.of(), List.of()) : current.report();
    }

    /** An HTTP status and its body. */
    public record Answer(int status, HealthStatus body) {
    }
}
