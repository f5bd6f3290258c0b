package parley.server.limits;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import parley.protocol.ProtocolException;
import parley.server.config.RateLimit;

/**
 * What one connection (a WebSocket or a long-poll session) may have the node do for it: a rate of
 * messages sent (this connection's and its user's, see {@link SendLimits}), and a cap on requests
 * in flight, that is handed to the writer or the read pool and not yet answered. The cap is what
 * keeps the node's one writer fair: a flooding connection has at most that many writes queued
 * ahead of anyone else's. A WebSocket that reaches the cap is not read until answers come back
 * ({@link #awaitRoom}); a long-poll frame past it is refused {@code rate_limited}.
 *
 * <p>Thread-safe: requests begin on the connection's own thread and end on the writer's or a pool
 * thread; the count is atomic, and the wake-up after a pause is handed over without a lost signal
 * (see {@link #awaitRoom}).
 */
public final class ConnectionBudget {
    /** The retry hint of a request refused for the cap: answers usually come back within it. */
    static final long IN_FLIGHT_RETRY_MILLIS = 200;

    private final SendLimits node;
    private final long userId;
    private final RateLimit sendRate;
    private final TokenBucket sends;
    private final int maxInFlight;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Runnable> waiting = new AtomicReference<>();

    ConnectionBudget(SendLimits node, long userId, RateLimit sendRate, int maxInFlight, Clock clock) {
        this.node = node;
        this.userId = userId;
        this.sendRate = sendRate;
        this.sends = new TokenBucket(sendRate.burst(), sendRate.refillMillis(), clock.millis());
        this.maxInFlight = maxInFlight;
        this.clock = clock;
    }

    /**
     * Takes one message of this connection's rate and of its user's.
     *
     * @throws ProtocolException {@code rate_limited} with a retry hint; nothing is taken then
     */
    public void takeSend() {
        long now = clock.millis();
        if (!sends.tryTake(now)) {
            throw ProtocolException.rateLimited("this connection is sending too fast (the limit is "
                    + sendRate.describe("messages") + "); slow down", Math.max(1, sends.millisUntil(now, 1)));
        }
        try {
            node.takeUserSend(userId);
        } catch (ProtocolException e) {
            sends.giveBack(now);
            throw e;
        }
    }

    /**
     * A request begins: counted in flight until the returned action runs (once; later runs do
     * nothing).
     *
     * @throws ProtocolException {@code rate_limited} when the connection has its cap in flight
     */
    public Runnable begin() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            throw ProtocolException.rateLimited("too many requests of this connection are waiting for their answers ("
                    + maxInFlight + "); wait for them", IN_FLIGHT_RETRY_MILLIS);
        }
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                Runnable wake = waiting.getAndSet(null);
                if (wake != null) {
                    wake.run();
                }
            }
        };
    }

    /** True when the connection has its cap of requests in flight: the next would be refused. */
    public boolean full() {
        return inFlight.get() >= maxInFlight;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Runs {@code wake} once, as soon as a request in flight ends (now, if the connection is no
     * longer full). {@code wake} runs on whichever thread ended the request: it should only hand
     * over to the connection's own thread.
     */
    public void awaitRoom(Runnable wake) {
        waiting.set(wake);
        if (!full() && waiting.compareAndSet(wake, null)) {
            wake.run();
        }
    }
}
