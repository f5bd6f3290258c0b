package parley.bench.load;

/** Paces a run's sends: closed loop or open loop. */
public interface Driver {

    /** Starts sending at once; sends nothing meant for {@code endNanos} or later. Returns at once. */
    void start(long endNanos);

    /** Stops sending (if not already) and waits, at most a second, for its own thread to end. */
    void stop() throws InterruptedException;

    /**
     * Sends that were due before the end but never handed to the SDK, because the driver could not
     * keep up (an open loop on a saturated machine); 0 for a closed loop. Valid after {@link #stop}.
     */
    long behind();
}
