package parley.server.cluster.redis;

/**
 * What a {@link RedisClusterBus} did since it started, for metrics and tests.
 *
 * @param published       PUBLISHes Redis took
 * @param dropped         PUBLISHes given up: over the in-flight bound, Redis down, or timed out
 * @param inFlight        PUBLISHes waiting for Redis now
 * @param received        messages from other nodes handed to this node's sessions
 * @param subscribedUsers users this node is subscribed to now
 */
public record RedisBusStats(long published, long dropped, int inFlight, long received, int subscribedUsers) {
}
