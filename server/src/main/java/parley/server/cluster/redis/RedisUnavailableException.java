package parley.server.cluster.redis;

/** Redis could not be reached or did not answer in time; the message names the URI and the reason. */
public final class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
