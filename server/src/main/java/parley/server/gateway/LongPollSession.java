package parley.server.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;

/**
 * One long-poll "connection" of one device: frames pushed to it wait in a bounded
 * {@link LongPollQueue} until the client polls for them. A poll that finds nothing is held (no
 * thread waits: the answer is kept) and answered by the next push, or empty when its hold time
 * runs out.
 *
 * <p>Pushes come from any thread, polls from the blocking pool, hold timeouts from the long-poll
 * loop: every method that touches the queue or the held poll is {@code synchronized} on this
 * session, so a push and a poll never interleave and frames keep their push order. Answers only
 * write to a channel (which does not block), so they run under the lock. When the queue overflows,
 * the waiting frames are dropped, the client gets one {@code slow_consumer} error and the session
 * ends: the client resyncs in a new session, as after a dropped WebSocket. The queued bytes count
 * against the user's and the node's {@link OutboundBudget} too (reserved when queued, released when
 * the client's cursor passes them or the session ends); a frame that does not fit ends the session
 * the same way.
 */
public final class LongPollSession implements Session {
    private record Held(long cursor, Consumer<LongPollQueue.Batch> answer, ScheduledFuture<?> timeout) {
    }

    private final String id;
    private final AuthenticatedDevice device;
    private final JsonCodec codec;
    private final LongPollQueue queue;
    private final OutboundBudget budget;
    /** The queue's bytes reserved in the budget (the final frame of an ended session is not). */
    private long reserved;
    private final EventExecutor loop;
    private final Clock clock;
    private final Runnable onEnd;
    private long lastPolled;
    private Held held;

    /**
     * @param onEnd run once on {@code loop} when the session ends (overflow, revocation, expiry,
     *              shutdown or the client's DELETE)
     */
    LongPollSession(String id, AuthenticatedDevice device, JsonCodec codec, long maxQueueBytes, OutboundBudget budget,
                    EventExecutor loop, Clock clock, Runnable onEnd) {
        this.budget = budget;
        this.id = id;
        this.device = device;
        this.codec = codec;
        this.queue = new LongPollQueue(maxQueueBytes);
        this.loop = loop;
        this.clock = clock;
        this.onEnd = onEnd;
        this.lastPolled = clock.millis();
    }

    public String id() {
        return id;
    }

    /** The loop this session's frames are dispatched on, one at a time. */
    EventExecutor loop() {
        return loop;
    }

    @Override
    public AuthenticatedDevice device() {
        return device;
    }

    @Override
    public void send(ServerFrame frame) {
        sendEncoded(codec.encodeBytes(frame));
    }

    @Override
    public synchronized void sendEncoded(byte[] frame) {
        if (queue.isFinished()) {
            return;
        }
        if (!budget.reserve(device.userId(), queue.pendingBytes(), frame.length)) {
            close(ErrorCode.SLOW_CONSUMER, "too much waiting for your sessions or this node's; start a new one and sync");
            return;
        }
        if (!queue.offer(frame)) {
            budget.release(device.userId(), frame.length);
            close(ErrorCode.SLOW_CONSUMER, "too many frames waiting for this long-poll session; start a new one and sync");
            return;
        }
        reserved += frame.length;
        answerHeld();
    }

    @Override
    public synchronized void close(ErrorCode reason, String message) {
        if (queue.isFinished()) {
            return;
        }
        queue.finish(codec.encodeBytes(new ServerFrame.Error(null, reason, message)));
        budget.release(device.userId(), reserved);
        reserved = 0;
        answerHeld();
        loop.execute(onEnd);
    }

    /**
     * Answers with the frames after {@code cursor}, now if there are any (or the session ended),
     * else when the next frame is pushed or after {@code holdMillis} (then empty). A poll still
     * held is answered empty: the newer one replaces it.
     *
     * @throws parley.protocol.ProtocolException for a cursor out of range
     */
    synchronized void poll(long cursor, long holdMillis, Consumer<LongPollQueue.Batch> answer) {
        lastPolled = clock.millis();
        LongPollQueue.Batch batch = take(cursor);
        if (held != null) {
            Held old = held;
            held = null;
            old.timeout().cancel(false);
            old.answer().accept(new LongPollQueue.Batch(List.of(), cursor));
        }
        if (!batch.frames().isEmpty() || queue.isFinished()) {
            answer.accept(batch);
            return;
        }
        Held[] self = new Held[1];
        ScheduledFuture<?> timeout = loop.schedule(() -> holdOver(self[0]), holdMillis, TimeUnit.MILLISECONDS);
        self[0] = new Held(cursor, answer, timeout);
        held = self[0];
    }

    /** True when no poll is held and none came for {@code idleMillis}. */
    synchronized boolean idleFor(long idleMillis) {
        return held == null && clock.millis() - lastPolled > idleMillis;
    }

    /** True once the session ended and the client received its last frame. */
    synchronized boolean drained() {
        return queue.drained();
    }

    private synchronized void holdOver(Held poll) {
        if (held == poll && poll != null) {
            held = null;
            lastPolled = clock.millis();
            poll.answer().accept(take(poll.cursor()));
        }
    }

    /** Takes from the queue and gives back the budget of the frames the cursor passed. */
    private LongPollQueue.Batch take(long cursor) {
        long before = queue.pendingBytes();
        LongPollQueue.Batch batch = queue.take(cursor);
        if (!queue.isFinished()) {
            long taken = before - queue.pendingBytes();
            budget.release(device.userId(), taken);
            reserved -= taken;
        }
        return batch;
    }

    private void answerHeld() {
        if (held == null) {
            return;
        }
        Held poll = held;
        held = null;
        poll.timeout().cancel(false);
        lastPolled = clock.millis();
        poll.answer().accept(take(poll.cursor()));
    }
}
