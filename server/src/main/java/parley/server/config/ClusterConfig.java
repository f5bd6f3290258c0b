package parley.server.config;

import java.net.URI;
import java.util.Optional;

/**
 * How this node finds the others: through Redis (pub/sub for pushes and disconnects, keys with a
 * TTL for presence) when {@code redis} is set; alone, in process, otherwise.
 *
 * @param nodeId this node's name in logs and in Redis (unique per cluster)
 * @param drainSeconds how long a stopping node stays up after it stopped being ready, so that the
 *                     load balancer sees it leave before its clients are told to reconnect
 */
public record ClusterConfig(Optional<URI> redis, String nodeId, int drainSeconds) {
}
