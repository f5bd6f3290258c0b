package parley.server.presence.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.server.cluster.redis.InFlightLimit;
import parley.server.cluster.redis.RedisConnections;
import parley.server.cluster.redis.RedisOptions;
import parley.server.cluster.redis.RedisUnavailableException;
import parley.server.presence.PresenceTracker;

/**
 * Presence shared by the nodes of a cluster, in Redis. Per user one hash,
 * {@code parley:presence:<user>}, with two fields per device: {@code h:<device>}, when it was last
 * heard (epoch ms), and {@code c:<device>}, 1 while it is connected. Online and last seen are
 * computed from those stored times, as of the {@code now} the caller gives, never from Redis's
 * clock or TTLs.
 *
 * <p>Each update is one Lua script, atomic in Redis: it keeps the newest time per device (an older
 * event changes nothing, so a late disconnect cannot undo a newer heartbeat), forgets devices not
 * heard from for longer than the online window (they are offline, and a newer time of the user is
 * kept), and renews the key's TTL. The TTL ({@code retention}, a week by default) lets the entries
 * of users no node hears from any more, say because their node died, expire by themselves.
 *
 * <p>Heartbeats come from event loops, so updates never wait: they are dispatched and forgotten
 * (failures are counted, {@link #droppedUpdates()}), at most {@link RedisOptions#maxInFlightPublishes()}
 * at a time. Reads wait, up to {@link RedisOptions#commandTimeout()}. Both go on one connection,
 * which Redis serves in order, so a read sees every update dispatched before it: the tracker reads
 * its own writes.
 */
public final class RedisPresenceTracker implements PresenceTracker, AutoCloseable {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Users whose reads go out to Redis together; within any sensible in-flight bound. */
    static final int READ_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceTracker.class);
    private static final String UPDATE = """
            local key, device, at = KEYS[1], ARGV[1], tonumber(ARGV[2])
            local heard = 'h:' .. device
            local previous = tonumber(redis.call('HGET', key, heard))
            if previous == nil or at >= previous then
              redis.call('HSET', key, heard, ARGV[2], 'c:' .. device, ARGV[3])
            end
            local forgetBefore = at - tonumber(ARGV[4])
            local fields = redis.call('HGETALL', key)
            for i = 1, #fields, 2 do
              local name = fields[i]
              if string.sub(name, 1, 2) == 'h:' and tonumber(fields[i + 1]) < forgetBefore then
                redis.call('HDEL', key, name, 'c:' .. string.sub(name, 3))
              end
            end
            redis.call('PEXPIRE', key, ARGV[5])
            return 1
            """;

    private final RedisConnections connections;
    private final RedisAsyncCommands<String, String> commands;
    private final InFlightLimit inFlight;
    private final long onlineWindowMillis;
    private final long retentionMillis;
    private final LongAdder dropped = new LongAdder();

    /** Connects now (fails at once, naming the URI, when Redis cannot be reached); keeps entries a week. */
    public RedisPresenceTracker(RedisOptions options, long onlineWindowMillis) {
        this(options, onlineWindowMillis, DEFAULT_RETENTION);
    }

    /**
     * @param onlineWindowMillis how long after its last heartbeat a device still counts as online
     * @param retention          how long a user's entry outlives the user's last update
     */
    public RedisPresenceTracker(RedisOptions options, long onlineWindowMillis, Duration retention) {
        if (onlineWindowMillis <= 0 || retention.toMillis() < onlineWindowMillis) {
            throw new IllegalArgumentException("presence needs a positive online window (" + onlineWindowMillis
                    + " ms) and a retention at least as long (" + retention + ")");
        }
        this.connections = new RedisConnections(options, "presence");
        StatefulRedisConnection<String, String> connection;
        try {
            connection = connections.open(StringCodec.UTF8);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        this.commands = connection.async();
        this.inFlight = new InFlightLimit(options.maxInFlightPublishes());
        this.onlineWindowMillis = onlineWindowMillis;
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void heartbeat(long userId, long deviceId, long now) {
        update(userId, deviceId, now, true);
    }

    @Override
    public void disconnected(long userId, long deviceId, long now) {
        update(userId, deviceId, now, false);
    }

    @Override
    public Optional<Presence> presence(long userId, long now) {
        return Optional.ofNullable(presences(List.of(userId), now).get(userId));
    }

    /**
     * Pipelined: the reads of a batch of {@value #READ_BATCH} users go out together and are awaited
     * together, so a batch costs about one round trip to Redis, not one per user.
     */
    @Override
    public Map<Long, Presence> presences(Collection<Long> userIds, long now) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
        Map<Long, Presence> found = new HashMap<>();
        int size = Math.min(READ_BATCH, inFlight.max());
        for (int from = 0; from < ids.size(); from += size) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + size));
            int granted = inFlight.tryAcquire(batch.size());
            if (granted < batch.size()) {
                for (int i = 0; i < granted; i++) {
                    inFlight.release();
                }
                throw new RedisUnavailableException("Redis at " + connections.options().displayUri()
                        + " is not keeping up: " + inFlight.max() + " commands wait for it", null);
            }
            List<RedisFuture<Map<String, String>>> reads = new ArrayList<>(batch.size());
            for (long userId : batch) {
                RedisFuture<Map<String, String>> read = commands.hgetall(key(userId));
                read.whenComplete((fields, failure) -> inFlight.release());
                reads.add(read);
            }
            for (int i = 0; i < batch.size(); i++) {
                long userId = batch.get(i);
                parse(await(reads.get(i)), now).ifPresent(p -> found.put(userId, p));
            }
        }
        return found;
    }

    private Optional<Presence> parse(Map<String, String> fields, long now) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        boolean online = false;
        long lastSeen = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey().startsWith("h:")) {
                long heard = Long.parseLong(field.getValue());
                lastSeen = Math.max(lastSeen, heard);
                boolean connected = "1".equals(fields.get("c:" + field.getKey().substring(2)));
                online |= connected && now - heard <= onlineWindowMillis;
            }
        }
        return Optional.of(new Presence(online, lastSeen));
    }

    /** Updates given up since start: Redis down, stuck or too far behind. */
    public long droppedUpdates() {
        return dropped.sum();
    }

    @Override
    public void close() {
        connections.close();
    }

    private void update(long userId, long deviceId, long at, boolean connected) {
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return;
        }
        RedisFuture<Long> update = commands.eval(UPDATE, ScriptOutputType.INTEGER, new String[] {key(userId)},
                Long.toString(deviceId), Long.toString(at), connected ? "1" : "0", Long.toString(onlineWindowMillis),
                Long.toString(retentionMillis));
        update.whenComplete((ok, failure) -> {
            inFlight.release();
            if (failure != null) {
                dropped.increment();
                LOG.debug("presence update of user {} dropped", userId, failure);
            }
        });
    }

    private <T> T await(RedisFuture<T> read) {
        long timeout = connections.options().commandTimeout().toMillis();
        try {
            return read.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RedisUnavailableException("Redis at " + connections.options().displayUri()
                    + " did not answer within " + timeout + " ms", e);
        } catch (ExecutionException e) {
            throw new RedisUnavailableException("Redis at " + connections.options().displayUri()
                    + " failed a presence read: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while reading presence", e);
        }
    }

    private static String key(long userId) {
        return "parley:presence:" + userId;
    }
}
