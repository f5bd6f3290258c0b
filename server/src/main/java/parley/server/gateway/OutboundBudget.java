package parley.server.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of frames queued for clients and not yet taken by them, across every session and
 * transport of the node (WebSocket and long polling), against two budgets: one per user (all the
 * user's devices and connections) and one for the node. Each session has its own bound too; these
 * stop many sessions, each within its bound, from holding more than the node can afford.
 *
 * <p>A session whose frame would pass its user's or the node's budget is refused it (the session
 * closes as a slow consumer and the client resyncs), unless the session itself holds almost nothing
 * (at most {@code smallSessionBytes} with the frame): a client that keeps up is not punished for
 * others' backlog. The budgets can therefore be passed by at most that much per such session.
 *
 * <p>Thread-safe: frames are queued from any thread. The node's total is an atomic counter; a
 * user's total changes inside {@link ConcurrentHashMap#compute}, which drops a user whose total
 * falls to zero. A reservation adds first and takes back if refused, so two racing sessions may
 * briefly see the other's bytes, never lose them. Every successful {@link #reserve} must be
 * matched by {@link #release} of the same bytes for the same user.
 */
public final class OutboundBudget {
    private final long maxUserBytes;
    private final long maxNodeBytes;
    private final long smallSessionBytes;
    private final AtomicLong nodeBytes = new AtomicLong();
    private final Map<Long, Long> userBytes = new ConcurrentHashMap<>();

    public OutboundBudget(long maxUserBytes, long maxNodeBytes, long smallSessionBytes) {
        this.maxUserBytes = maxUserBytes;
        this.maxNodeBytes = maxNodeBytes;
        this.smallSessionBytes = smallSessionBytes;
    }

    /**
     * Takes {@code bytes} out of the user's and the node's budgets for a frame queued to a session
     * that already holds {@code sessionBytes}; false (nothing taken) when the frame does not fit.
     */
    public boolean reserve(long userId, long sessionBytes, int bytes) {
        long node = nodeBytes.addAndGet(bytes);
        long user = userBytes.merge(userId, (long) bytes, Long::sum);
        boolean over = node > maxNodeBytes || user > maxUserBytes;
        if (over && sessionBytes + bytes > smallSessionBytes) {
            release(userId, bytes);
            return false;
        }
        return true;
    }

    /** Gives back bytes a session reserved, once they were written or dropped. */
    public void release(long userId, long bytes) {
        if (bytes == 0) {
            return;
        }
        userBytes.computeIfPresent(userId, (id, total) -> total - bytes <= 0 ? null : total - bytes);
        nodeBytes.addAndGet(-bytes);
    }

    /** Bytes queued now for the user's sessions. */
    public long userBytes(long userId) {
        return userBytes.getOrDefault(userId, 0L);
    }

    /** Bytes queued now for every session of the node. */
    public long nodeBytes() {
        return nodeBytes.get();
    }

    /** A budget that never refuses: for tests and tools that do not exercise it. */
    public static OutboundBudget unlimited() {
        return new OutboundBudget(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 0);
    }
}
