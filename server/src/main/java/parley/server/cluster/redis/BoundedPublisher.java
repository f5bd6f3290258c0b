package parley.server.cluster.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * PUBLISHes on one Redis connection without ever waiting for Redis, with a bound on what waits.
 *
 * <p>Order: the PUBLISHes of one call go to the connection as one batch, in list order, and calls
 * from one thread in call order; Lettuce writes a connection's commands in the order they were
 * dispatched and Redis runs them in that order, so what one thread publishes reaches each subscriber
 * in publication order. Nothing here hops threads: the completion callbacks only count.
 *
 * <p>Bound: each PUBLISH holds a permit of the {@link InFlightLimit} from before it is dispatched
 * until it ends (Redis answered, or the connection dropped or closed). Without a permit the PUBLISH
 * is dropped and counted, never queued, so no more payloads than the bound wait for Redis, whatever
 * Redis does: down, restarting or stuck. Dropping is fine: pushes are best effort and clients
 * resync.
 */
final class BoundedPublisher {
    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final InFlightLimit inFlight;
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    BoundedPublisher(StatefulRedisConnection<byte[], byte[]> connection, InFlightLimit inFlight) {
        this.connection = connection;
        this.inFlight = inFlight;
    }

    /** Publishes the payload on each channel, in order, as far as permits allow; never blocks. */
    void publish(List<byte[]> channels, byte[] payload) {
        int granted = inFlight.tryAcquire(channels.size());
        if (granted < channels.size()) {
            dropped.add(channels.size() - granted);
        }
        if (granted == 0) {
            return;
        }
        List<RedisCommand<byte[], byte[], ?>> commands = new ArrayList<>(granted);
        for (int i = 0; i < granted; i++) {
            AsyncCommand<byte[], byte[], Long> command = new AsyncCommand<>(new Command<>(CommandType.PUBLISH,
                    new IntegerOutput<>(CODEC), new CommandArgs<>(CODEC).addKey(channels.get(i)).addValue(payload)));
            command.whenComplete((receivers, failure) -> completed(failure));
            commands.add(command);
        }
        try {
            connection.dispatch(commands);
        } catch (RuntimeException refused) {
            commands.forEach(c -> c.completeExceptionally(refused));
        }
    }

    PublishCounts counts() {
        return new PublishCounts(published.sum(), dropped.sum(), inFlight.inFlight());
    }

    private void completed(Throwable failure) {
        inFlight.release();
        if (failure == null) {
            published.increment();
        } else {
            dropped.increment();
        }
    }

    /** What the publisher did since it started: PUBLISHes Redis took, ones dropped, ones waiting now. */
    record PublishCounts(long published, long dropped, int inFlight) {
    }
}
