package parley.server.gateway;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node wants new connections: true once it started, false from the moment it begins
 * to shut down, so that a load balancer checking {@code /readyz} stops sending it clients before it
 * closes their connections.
 */
public final class Readiness {
    private final AtomicBoolean ready = new AtomicBoolean();

    public boolean isReady() {
        return ready.get();
    }

    public void ready() {
        ready.set(true);
    }

    public void draining() {
        ready.set(false);
    }
}
