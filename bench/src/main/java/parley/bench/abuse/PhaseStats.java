package parley.bench.abuse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import parley.bench.load.CpuMeter;
import parley.bench.load.LatencySummary;

/**
 * What the bystander saw during one phase: its acks and their latency (send to ack, retries
 * included), its API calls' latency, and every error by what it was. Thread-safe: the sender and
 * the API caller record into it at once.
 */
final class PhaseStats {
    private final String name;
    private final long startNanos = System.nanoTime();
    private final Histogram ackMicros = new SynchronizedHistogram(3);
    private final Histogram apiMicros = new SynchronizedHistogram(3);
    private final LongAdder acks = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    PhaseStats(String name) {
        this.name = name;
    }

    void acked(long micros) {
        ackMicros.recordValue(Math.max(1, micros));
        acks.increment();
    }

    void api(long micros) {
        apiMicros.recordValue(Math.max(1, micros));
    }

    void error(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    long acks() {
        return acks.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Histogram ackHistogram() {
        return ackMicros.copy();
    }

    /** The phase as reported, closed now. */
    PhaseResult result(CpuMeter.Usage cpu) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> e = new TreeMap<>();
        errors.forEach((k, v) -> e.put(k, v.sum()));
        return new PhaseResult(name, Math.round(seconds * 100) / 100.0, acks.sum(),
                Math.round(acks.sum() / seconds * 10) / 10.0, LatencySummary.of(ackMicros), LatencySummary.of(apiMicros),
                e, cpu);
    }

    /**
     * One phase of one attack, as reported.
     *
     * @param ack         the bystander's send to ack, in milliseconds (a retried send counts from its first try)
     * @param api         the bystander's {@code GET /api/me}
     * @param errors      everything that went wrong for the bystander, by what it was
     * @param cpu         the phase's CPU use: the tool, the node (with {@code --server-pid}), the machine
     */
    record PhaseResult(String phase, double seconds, long acks, double acksPerSecond, LatencySummary ack,
                       LatencySummary api, Map<String, Long> errors, CpuMeter.Usage cpu) {
    }
}
