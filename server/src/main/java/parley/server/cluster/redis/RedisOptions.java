package parley.server.cluster.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How this node talks to Redis, for the cluster bus and for presence.
 *
 * @param uri                  where Redis listens, {@code redis://host:port} (or {@code rediss://}, with
 *                             an optional {@code user:password@} and {@code /database})
 * @param nodeId               this node's name, shown in Redis as the connections' client name
 * @param commandTimeout       how long any command may take before it fails; short, because a caller
 *                             waiting on Redis is a session waiting for {@code ready}
 * @param maxInFlightPublishes how many publishes (or presence writes) may wait for Redis at once;
 *                             past it, deliveries are dropped rather than queued
 */
public record RedisOptions(URI uri, String nodeId, Duration commandTimeout, int maxInFlightPublishes) {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

    public RedisOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the Redis URI must look like redis://host:port, not " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the Redis URI names no host: " + uri);
        }
        if (!nodeId.matches("\\S{1,200}")) {
            throw new IllegalArgumentException("the node id must be 1 to 200 characters without spaces, not '"
                    + nodeId + "'");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the Redis command timeout must be positive, not " + commandTimeout);
        }
        if (maxInFlightPublishes < 1) {
            throw new IllegalArgumentException("the bound on in-flight publishes must be positive, not "
                    + maxInFlightPublishes);
        }
    }

    /** The defaults: commands time out after 2 s, at most 10,000 publishes wait for Redis. */
    public static RedisOptions of(URI uri, String nodeId) {
        return new RedisOptions(uri, nodeId, DEFAULT_COMMAND_TIMEOUT, DEFAULT_MAX_IN_FLIGHT);
    }

    /** The URI without its password, for messages and logs. */
    public String displayUri() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
