package parley.bench.load;

import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second line: rates and latencies of the last interval, plus what is in flight. Used
 * by the run's main thread only.
 */
public final class ProgressLine {
    private final RunRecorder recorder;
    private final PrintStream out;
    private RunRecorder.Counts previous;
    private long previousNanos;

    public ProgressLine(RunRecorder recorder, PrintStream out) {
        this.recorder = recorder;
        this.out = out;
    }

    /** Starts the first interval now, dropping what was recorded before. */
    public void begin() {
        RunRecorder.Interval interval = recorder.interval();
        previous = interval.counts();
        previousNanos = recorder.now();
    }

    /** Prints the interval since the previous call, labelled with {@code second} and {@code phase}. */
    public void print(long second, String phase) {
        RunRecorder.Interval interval = recorder.interval();
        long now = recorder.now();
        double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
        RunRecorder.Counts c = interval.counts();
        out.printf("%4ds %-7s sent %7.0f/s  acked %7.0f/s  delivered %7.0f/s  ack p50 %s p99 %s  deliver p50 %s p99 %s"
                        + "  in flight %d%s%n",
                second, phase, (c.sent() - previous.sent()) / seconds, (c.acked() - previous.acked()) / seconds,
                (c.delivered() - previous.delivered()) / seconds, ms(interval.acks(), 50), ms(interval.acks(), 99),
                ms(interval.deliveries(), 50), ms(interval.deliveries(), 99), recorder.inFlight(), troubles(c));
        previous = c;
        previousNanos = now;
    }

    private static String troubles(RunRecorder.Counts c) {
        StringBuilder text = new StringBuilder();
        if (c.failed() > 0) {
            text.append("  failed ").append(c.failed());
        }
        if (c.refused() > 0) {
            text.append("  refused ").append(c.refused());
        }
        if (c.serverErrors() > 0) {
            text.append("  server errors ").append(c.serverErrors());
        }
        if (c.reconnects() > 0) {
            text.append("  reconnects ").append(c.reconnects());
        }
        return text.toString();
    }

    private static String ms(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return "    -";
        }
        return String.format("%5.1f", micros.getValueAtPercentile(percentile) / 1000.0);
    }
}
