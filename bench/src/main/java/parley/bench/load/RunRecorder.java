package parley.bench.load;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of a run, recorded from many threads (every connection's callback thread
 * and the pacer) without locks: HdrHistogram {@link Recorder}s and {@link LongAdder}s.
 *
 * <p>Latency is taken from a message's <em>intended</em> send time: in an open loop the moment the
 * schedule said to send it (so a stall of the server or of the tool shows up in every message
 * that should have gone out meanwhile, correcting coordinated omission); in a closed loop the
 * moment it was handed to the SDK. Values are in microseconds.
 *
 * <p>The measurement window is set once, before any load ({@link #window}). A message counts in
 * the latency histograms when its intended time is inside the window; an ack or a delivery counts
 * in the throughput when it arrives inside the window. The "progress" histograms record
 * everything and are emptied by each {@link #interval()}, for the once-a-second line.
 */
public final class RunRecorder {
    private static final int DIGITS = 3;

    private final LongSupplier nanoTime;
    private final Recorder ackMeasured = new Recorder(DIGITS);
    private final Recorder deliverMeasured = new Recorder(DIGITS);
    private final Recorder ackProgress = new Recorder(DIGITS);
    private final Recorder deliverProgress = new Recorder(DIGITS);
    private final Recorder completeMeasured = new Recorder(DIGITS);
    private final Recorder completeProgress = new Recorder(DIGITS);
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder ackedInWindow = new LongAdder();
    private final LongAdder deliveredInWindow = new LongAdder();
    private volatile Window window;

    public RunRecorder(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The measured window in {@code nanoTime} terms: [start, end). */
    public void window(long startNanos, long endNanos) {
        this.window = new Window(startNanos, endNanos);
    }

    public long now() {
        return nanoTime.getAsLong();
    }

    /** A send was handed to the SDK; {@code intended} is when it was meant to go. */
    public void sent(long intended) {
        sent.increment();
        if (inWindow(intended)) {
            sentInWindow.increment();
        }
    }

    /** A send's ack arrived. */
    public void acked(long intended) {
        long now = now();
        acked.increment();
        if (inWindow(now)) {
            ackedInWindow.increment();
        }
        long micros = micros(now - intended);
        ackProgress.recordValue(micros);
        if (inWindow(intended)) {
            ackMeasured.recordValue(micros);
        }
    }

    /** A message reached a recipient (not its sender) for the first time. */
    public void delivered(long intended) {
        long now = now();
        delivered.increment();
        if (inWindow(now)) {
            deliveredInWindow.increment();
        }
        long micros = micros(now - intended);
        deliverProgress.recordValue(micros);
        if (inWindow(intended)) {
            deliverMeasured.recordValue(micros);
        }
    }

    /** A message reached the last of its recipients (a group's fan-out is complete). */
    public void completed(long intended) {
        long micros = micros(now() - intended);
        completeProgress.recordValue(micros);
        if (inWindow(intended)) {
            completeMeasured.recordValue(micros);
        }
    }

    /** Send to last delivery, in the measured window. Call once, after the run. */
    public Histogram measuredCompletions() {
        return completeMeasured.getIntervalHistogram();
    }

    /** Send to last delivery since the previous call: for the progress line. */
    public Histogram completionsSinceLastCall() {
        return completeProgress.getIntervalHistogram();
    }

    /** A send failed: the server refused it (e.g. {@code overloaded}) or its connection closed. */
    public void failed() {
        failed.increment();
    }

    /** An open-loop send the SDK refused at once because its outbox was full. */
    public void refused() {
        refused.increment();
    }

    /** The server reported an error outside any request (e.g. {@code slow_consumer} before a close). */
    public void serverError() {
        serverErrors.increment();
    }

    /** A connection dropped after being online (it reconnects and resyncs by itself). */
    public void reconnect() {
        reconnects.increment();
    }

    /** Sends still awaiting an ack or an error. */
    public long inFlight() {
        return sent.sum() - acked.sum() - failed.sum();
    }

    public Counts counts() {
        return new Counts(sent.sum(), acked.sum(), delivered.sum(), failed.sum(), refused.sum(), serverErrors.sum(),
                reconnects.sum(), sentInWindow.sum(), ackedInWindow.sum(), deliveredInWindow.sum());
    }

    /** What happened since the previous call: for the progress line. */
    public Interval interval() {
        return new Interval(ackProgress.getIntervalHistogram(), deliverProgress.getIntervalHistogram(), counts());
    }

    /** The latencies of the measured window. Call once, after the run. */
    public Histogram measuredAcks() {
        return ackMeasured.getIntervalHistogram();
    }

    /** See {@link #measuredAcks()}. */
    public Histogram measuredDeliveries() {
        return deliverMeasured.getIntervalHistogram();
    }

    private boolean inWindow(long nanos) {
        Window w = window;
        return w != null && nanos - w.start() >= 0 && nanos - w.end() < 0;
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1_000);
    }

    private record Window(long start, long end) {
    }

    /** Totals since the start; the {@code InWindow} ones count what fell in the measured window. */
    public record Counts(long sent, long acked, long delivered, long failed, long refused, long serverErrors,
                         long reconnects, long sentInWindow, long ackedInWindow, long deliveredInWindow) {
    }

    /** One progress interval: its latencies and the totals at its end. */
    public record Interval(Histogram acks, Histogram deliveries, Counts counts) {
    }
}
