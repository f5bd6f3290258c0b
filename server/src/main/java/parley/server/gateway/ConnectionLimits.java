package parley.server.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's count of open connections, in all and per client address, against their limits: one
 * client cannot take every file descriptor of the node, and the node as a whole never runs out of
 * them. Connections from a trusted proxy carry many clients and count only towards the node's limit.
 *
 * <p>Thread-safe: connections open and close on every event loop at once. The node's count is an
 * atomic counter reserved before the address's (and given back if the address is full); each
 * address's count changes inside {@link ConcurrentHashMap#compute}, which also removes an address
 * whose count falls to zero, so the counts are exact and the table holds only addresses with open
 * connections. Every {@link #open} that returned {@link Admission#ADMITTED} must be matched by one
 * {@link #close} with the same arguments.
 */
public final class ConnectionLimits {
    /** What {@link #open} decided. */
    public enum Admission { ADMITTED, ADDRESS_FULL, NODE_FULL }

    private final int maxPerNode;
    private final int maxPerAddress;
    private final int maxRefusing;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refusing = new AtomicInteger();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    /**
     * @param maxRefusing how many refused connections may wait to be answered and closed at once;
     *                    past that, refused connections are closed without an answer (a flood)
     */
    public ConnectionLimits(int maxPerNode, int maxPerAddress, int maxRefusing) {
        this.maxPerNode = maxPerNode;
        this.maxPerAddress = maxPerAddress;
        this.maxRefusing = maxRefusing;
    }

    /** The refused connections a node keeps to answer at once, by default. */
    public static final int DEFAULT_MAX_REFUSING = 1024;

    /**
     * Counts a new connection from {@code address}, unless that would pass a limit.
     *
     * @param exempt true for a trusted proxy's connection: no limit per address
     */
    public Admission open(String address, boolean exempt) {
        if (open.incrementAndGet() > maxPerNode) {
            open.decrementAndGet();
            return Admission.NODE_FULL;
        }
        if (exempt) {
            return Admission.ADMITTED;
        }
        boolean[] admitted = new boolean[1];
        byAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Admission.ADDRESS_FULL;
        }
        return Admission.ADMITTED;
    }

    /** Uncounts a connection that {@link #open} admitted. */
    public void close(String address, boolean exempt) {
        if (!exempt) {
            byAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
        open.decrementAndGet();
    }

    /**
     * Counts a refused connection that is kept open a moment to be answered; false (and nothing
     * counted) when too many are already: close it at once.
     */
    public boolean startRefusal() {
        if (refusing.incrementAndGet() > maxRefusing) {
            refusing.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Uncounts a refused connection that {@link #startRefusal} counted. */
    public void endRefusal() {
        refusing.decrementAndGet();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** Connections open now from this address (a trusted proxy's are not counted). */
    public int openFrom(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    public int maxPerNode() {
        return maxPerNode;
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }
}
