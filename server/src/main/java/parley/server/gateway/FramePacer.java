package parley.server.gateway;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ClientFrame;

/**
 * Feeds one session's frames to its {@link FrameDispatcher} in arrival order, no faster than the
 * session may go: a frame that would pass the session's cap of requests in flight waits until an
 * answer comes back, and a send over the connection's or its user's rate waits until the rate
 * allows it. A client that goes too fast is slowed down, not refused, so its messages keep the
 * order it sent them in (a refused send retried later would land after sends that went on); its
 * transport stops taking frames meanwhile: a WebSocket is not read, a long-poll POST is answered
 * once its frames are taken.
 *
 * <p>Bounded: a transport offers frames only while nothing waits, but for what one read or one
 * request body held; past {@code maxWaiting} waiting frames, more are answered {@code
 * rate_limited}. Confined to the session's executor: offers, timers and wake-ups all run there.
 * Once {@link #close}d (the connection ended) waiting frames are dropped unanswered: the client's
 * outbox sends them again, and a retried send is never stored twice.
 */
final class FramePacer {
    private static final long WAITING_RETRY_MILLIS = 1000;

    /** Where frames go: a session's {@link FrameDispatcher}. */
    interface Dispatch {
        /** True when the session has its cap of requests in flight. */
        boolean full();

        /** Dispatches the frame, or answers how many milliseconds to wait before offering it again. */
        long dispatchOrWait(ClientFrame frame);

        /** Runs {@code wake}, on any thread, once the session is no longer full. */
        void awaitRoom(Runnable wake);
    }

    private final Dispatch dispatcher;
    private final EventExecutor executor;
    private final Session session;
    private final int maxWaiting;
    private final ArrayDeque<ClientFrame> waiting = new ArrayDeque<>();
    private final List<Runnable> whenTaken = new ArrayList<>();
    private boolean wakeUpPending;
    private boolean closed;

    FramePacer(Dispatch dispatcher, EventExecutor executor, Session session, int maxWaiting) {
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.session = session;
        this.maxWaiting = maxWaiting;
    }

    /** Offers the next frame; true when it was taken at once, false when it waits (or was refused). */
    boolean offer(ClientFrame frame) {
        if (closed) {
            return false;
        }
        if (!waiting.isEmpty()) {
            if (waiting.size() >= maxWaiting) {
                session.send(ErrorMapper.frame(ProtocolException.rateLimited(
                        "too many frames waiting on this connection; wait for the answers", WAITING_RETRY_MILLIS),
                        frame.ref()));
            } else {
                waiting.add(frame);
            }
            return false;
        }
        if (tryDispatch(frame)) {
            return true;
        }
        waiting.add(frame);
        return false;
    }

    /** Runs {@code then} once every frame offered so far was taken (now, if none waits). */
    void whenTaken(Runnable then) {
        if (waiting.isEmpty()) {
            then.run();
        } else {
            whenTaken.add(then);
        }
    }

    /** True when frames wait to be taken. */
    boolean isBackedUp() {
        return !waiting.isEmpty();
    }

    /**
     * The session ended: drops what waits, and runs what waited for it to be taken (a long-poll
     * POST is then answered, see {@link #isClosed}), so that nothing is left waiting for ever.
     */
    void close() {
        closed = true;
        waiting.clear();
        List<Runnable> ready = new ArrayList<>(whenTaken);
        whenTaken.clear();
        ready.forEach(Runnable::run);
    }

    /** True once the session ended: frames offered were dropped, not taken. */
    boolean isClosed() {
        return closed;
    }

    private boolean tryDispatch(ClientFrame frame) {
        if (dispatcher.full()) {
            wakeUpWhenRoom();
            return false;
        }
        long wait = dispatcher.dispatchOrWait(frame);
        if (wait > 0) {
            wakeUpIn(wait);
            return false;
        }
        return true;
    }

    private void drain() {
        wakeUpPending = false;
        if (closed) {
            return;
        }
        while (!waiting.isEmpty()) {
            if (!tryDispatch(waiting.peek())) {
                return;
            }
            waiting.poll();
        }
        List<Runnable> ready = new ArrayList<>(whenTaken);
        whenTaken.clear();
        ready.forEach(Runnable::run);
    }

    private void wakeUpWhenRoom() {
        if (!wakeUpPending) {
            wakeUpPending = true;
            dispatcher.awaitRoom(() -> executor.execute(this::drain));
        }
    }

    private void wakeUpIn(long millis) {
        if (!wakeUpPending) {
            wakeUpPending = true;
            executor.schedule(this::drain, millis, TimeUnit.MILLISECONDS);
        }
    }
}
