package parley.server.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Opens Lettuce connections to one Redis with Parley's settings, and owns the client and its
 * threads. The settings make Redis trouble cheap for callers: while disconnected, commands fail at
 * once instead of queueing ({@code REJECT_COMMANDS}); commands in flight when a connection drops
 * fail rather than being replayed, so nothing is delivered twice; at most
 * {@link RedisOptions#maxInFlightPublishes()} commands wait per connection. Commands carry no
 * timeout of their own: a timed-out command would still sit in Lettuce's queue until Redis answers,
 * so callers bound their waits themselves ({@link RedisOptions#commandTimeout()}) and bound what
 * they have in flight with an {@link InFlightLimit}. A Redis host that vanishes from the network is
 * noticed by TCP (keep-alive probes on idle connections, a user timeout on unacknowledged writes)
 * within about 10 s, and the connection drops, which fails what was in flight; a Redis process that
 * is stuck on a live host keeps its connections, and what waits for it stays within the bounds until
 * it answers. Connections reconnect by themselves, after 10 ms to 1 s (jittered), and pub/sub
 * connections subscribe again to what they had.
 */
public final class RedisConnections implements AutoCloseable {
    private static final Pattern NETTY_SYSCALL = Pattern.compile("^\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ");

    private final RedisOptions options;
    private final ClientResources resources;
    private final RedisClient client;

    /** @param purpose what the connections are for ("bus", "presence"), in their client name */
    public RedisConnections(RedisOptions options, String purpose) {
        this.options = options;
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(options.uri());
        uri.setTimeout(options.commandTimeout());
        uri.setClientName("parley-" + options.nodeId() + "-" + purpose);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(options.maxInFlightPublishes())
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(options.commandTimeout())
                        .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
                                .idle(Duration.ofSeconds(5)).interval(Duration.ofSeconds(1)).count(3).build())
                        .tcpUserTimeout(SocketOptions.TcpUserTimeoutOptions.builder().enable()
                                .tcpUserTimeout(Duration.ofSeconds(10)).build())
                        .build())
                .build());
    }

    public RedisOptions options() {
        return options;
    }

    /** A connection for commands; fails at once, naming the URI, when Redis cannot be reached. */
    public <K, V> StatefulRedisConnection<K, V> open(RedisCodec<K, V> codec) {
        try {
            return client.connect(codec);
        } catch (RedisException e) {
            throw unreachable(e);
        }
    }

    /** A connection for subscriptions; fails at once, naming the URI, when Redis cannot be reached. */
    public <K, V> StatefulRedisPubSubConnection<K, V> openPubSub(RedisCodec<K, V> codec) {
        try {
            return client.connectPubSub(codec);
        } catch (RedisException e) {
            throw unreachable(e);
        }
    }

    /** "cannot connect to Redis at redis://127.0.0.1:6390: Connection refused". */
    public RedisUnavailableException unreachable(Throwable failure) {
        return new RedisUnavailableException("cannot connect to Redis at " + options.displayUri() + ": "
                + reason(failure), failure);
    }

    /** Closes every connection opened here and stops the client's threads. */
    @Override
    public void close() {
        Duration grace = options.commandTimeout();
        try {
            client.shutdown(Duration.ZERO, grace);
        } finally {
            resources.shutdown(0, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The innermost cause's message, without Netty's "syscall(..) failed with error(-111): " and ": /address". */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = NETTY_SYSCALL.matcher(message).replaceFirst("");
        int address = message.indexOf(": /");
        return address > 0 ? message.substring(0, address) : message;
    }
}
