package parley.server.cluster.redis;

import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's subscriptions to user channels, counted per user: Redis hears SUBSCRIBE when a user's
 * count goes from 0 to 1 and UNSUBSCRIBE when it goes back to 0.
 *
 * <p>Invariant: every SUBSCRIBE and UNSUBSCRIBE is handed to the dispatcher while holding this
 * object's lock, right after the count change that calls for it; the dispatcher is one thread that
 * sends them in the order it got them, and the pub/sub connection keeps that order. So Redis applies
 * them in the order of the count changes, and the last one sent for a user says whether that user's
 * count is positive, however subscribes and unsubscribes of the user overlap (0→1→0→1 sends
 * SUBSCRIBE, UNSUBSCRIBE, SUBSCRIBE, and the node ends subscribed). Sending from one thread that is
 * not Lettuce's matters: a command written from Lettuce's own I/O thread (where confirmations and
 * callers' callbacks run) would overtake those queued by other threads. The lock is never held while
 * calling Lettuce, so it cannot deadlock with Lettuce's threads.
 *
 * <p>Hazard and its repair: Lettuce resubscribes after a reconnect to every channel Redis had
 * confirmed, even one whose UNSUBSCRIBE was refused while disconnected. So whenever Redis confirms a
 * subscription (see {@link #confirmedByRedis}) to a user whose count is 0, an UNSUBSCRIBE follows.
 *
 * <p>Confirmation: a user's stage is the reply to its SUBSCRIBE, which Redis sends once it has taken
 * the subscription, so a PUBLISH sent after the stage completes reaches this node. A confirmation
 * holds for one connection: after Redis dropped it (and until Lettuce resubscribes) a later
 * subscribe of the same user sends SUBSCRIBE again (harmless in Redis) and waits for its reply, as it
 * does after a failed SUBSCRIBE; while Redis is down, that fails at once.
 */
final class UserSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(UserSubscriptions.class);

    private final RedisPubSubAsyncCommands<byte[], byte[]> commands;
    private final Executor dispatcher;
    private final Duration timeout;
    private final Map<Long, Subscription> users = new HashMap<>(); // guarded by this
    private long connection; // guarded by this; counts the connection drops seen

    /**
     * @param dispatcher one thread, first in first out, never one of Lettuce's: sends the commands
     * @param timeout    how long a subscribe's stage waits for Redis before it fails
     */
    UserSubscriptions(RedisPubSubAsyncCommands<byte[], byte[]> commands, Executor dispatcher, Duration timeout) {
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.timeout = timeout;
    }

    /**
     * One session more; the stage completes when Redis has confirmed the user's subscription, and
     * fails if Redis refused it, the connection dropped first, or Redis did not answer in time (the
     * SUBSCRIBE itself goes on waiting, and later subscribes of the user wait for it).
     */
    synchronized CompletionStage<Void> subscribe(long userId) {
        Subscription subscription = users.computeIfAbsent(userId, id -> new Subscription());
        subscription.count++;
        if (subscription.confirmed == null || subscription.connection != connection
                || subscription.confirmed.isCompletedExceptionally()) {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            subscription.connection = connection;
            subscription.confirmed = confirmed;
            send(confirmed, () -> commands.subscribe(BusWire.userChannel(userId)).whenComplete((ok, failure) -> {
                if (failure == null) {
                    confirmed.complete(null);
                } else {
                    confirmed.completeExceptionally(failure);
                }
            }));
        }
        return subscription.confirmed.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One session fewer; the last one gives the channel up. */
    synchronized void unsubscribe(long userId) {
        Subscription subscription = users.get(userId);
        if (subscription == null) {
            return; // more unsubscribes than subscribes: a caller's bug, nothing to undo here
        }
        if (--subscription.count == 0) {
            users.remove(userId);
            send(null, () -> commands.unsubscribe(BusWire.userChannel(userId)));
        }
    }

    /** Redis confirmed a subscription to the user's channel: give it up if nobody here wants it. */
    synchronized void confirmedByRedis(long userId) {
        if (!users.containsKey(userId)) {
            send(null, () -> commands.unsubscribe(BusWire.userChannel(userId)));
        }
    }

    /** The pub/sub connection dropped: confirmations obtained before no longer hold. */
    synchronized void connectionLost() {
        connection++;
    }

    /** How many users this node is subscribed to (or subscribing to) now. */
    synchronized int users() {
        return users.size();
    }

    /** Hands a command to the dispatcher; if it cannot be sent, fails what waits for it. */
    private void send(CompletableFuture<Void> waiting, Runnable command) {
        try {
            dispatcher.execute(() -> {
                try {
                    command.run();
                } catch (RuntimeException e) {
                    LOG.warn("a subscription command could not be sent", e);
                    if (waiting != null) {
                        waiting.completeExceptionally(e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            if (waiting != null) {
                waiting.completeExceptionally(new IllegalStateException("the cluster bus is closed", closed));
            }
        }
    }

    /** One user's count and the reply to its latest SUBSCRIBE. */
    private static final class Subscription {
        int count;
        long connection;
        CompletableFuture<Void> confirmed;
    }
}
