package parley.bench.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import parley.client.http.ParleyHttp;
import parley.protocol.api.ServerStats;

/**
 * Asks the node how it is: its self-report ({@code GET /api/admin/stats} with the operator
 * secret; with {@code gc}, after a full collection) and whether it is alive at all (its process,
 * when its id was given, and {@code GET /healthz} answered with anything within a few seconds).
 * From the bystander's address, never the attacker's.
 */
final class NodeProbe {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final int HEALTH_TRIES = 3;

    private final ParleyHttp http;
    private final String secret;
    private final Optional<Long> pid;
    private final HttpClient health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HEALTH_TIMEOUT).build();
    private final HttpRequest healthz;

    NodeProbe(URI server, ParleyHttp http, String secret, Optional<Long> pid) {
        this.http = http;
        this.secret = secret;
        this.pid = pid;
        this.healthz = HttpRequest.newBuilder(URI.create(server + "/healthz")).timeout(HEALTH_TIMEOUT).GET().build();
    }

    /** The self-report; empty when the node did not give it (the reason is the node's business). */
    Optional<ServerStats> stats(boolean gc) {
        try {
            return Optional.of(http.serverStats(secret, gc));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Why the node is taken for dead, or empty while it is alive. */
    Optional<String> dead() {
        if (pid.isPresent() && ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true)) {
            return Optional.of("the node's process " + pid.get() + " is gone");
        }
        String last = "";
        for (int i = 0; i < HEALTH_TRIES; i++) {
            try {
                HttpResponse<Void> answer = health.send(healthz, HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() > 0) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        return Optional.of("the node answered no GET /healthz in " + HEALTH_TRIES + " tries (" + last + ")");
    }

    void close() {
        health.shutdownNow();
    }
}
