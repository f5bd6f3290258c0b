package parley.bench.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/**
 * The result of one run, as written to the JSON file and shown as a table.
 *
 * @param measuredSeconds  the measured window (the warm-up and the end-of-run wait excluded)
 * @param throughput       per second over the measured window: sends handed to the SDK, acks and
 *                         deliveries (to a recipient other than the sender) that arrived in it
 * @param ackMicros        send (intended time) to ack, for messages meant to go in the window (for
 *                         the chart; the JSON has its summary, {@link #ackLatency()})
 * @param deliverMicros    send (intended time) to the recipient's listener, same messages
 * @param pacerBehind      open loop: sends due before the end that the tool never made (it fell
 *                         behind its schedule); the offered rate was that much below the target
 * @param unackedAtEnd     sends still without an answer when the end-of-run wait gave up
 * @param undeliveredAtEnd acked messages a recipient still had not got then (also in the verdict)
 * @param cpu              CPU use over the measured window
 */
public record BenchReport(String scenario, String description, String startedAt, Settings settings,
                          double provisionSeconds, double measuredSeconds, Throughput throughput,
                          @JsonIgnore Histogram ackMicros, @JsonIgnore Histogram deliverMicros, RunRecorder.Counts counts,
                          long pacerBehind, long unackedAtEnd, long undeliveredAtEnd, double drainSeconds, Verdict verdict,
                          CpuMeter.Usage cpu) {

    /** Send (intended time) to ack, for messages meant to go in the window. */
    @JsonProperty
    public LatencySummary ackLatency() {
        return LatencySummary.of(ackMicros);
    }

    /** Send (intended time) to the recipient's listener, same messages. */
    @JsonProperty
    public LatencySummary deliverLatency() {
        return LatencySummary.of(deliverMicros);
    }

    /** The options, in plain JSON-friendly types. */
    public record Settings(String server, int pairs, boolean bothDirections, String mode, int window, Integer rate,
                           int size, long warmupSeconds, long durationSeconds, long drainSeconds, int sdkClients,
                           int maxOutbox, Long serverPid) {
        static Settings of(LoadOptions o) {
            return new Settings(o.server().toString(), o.pairs(), o.bothDirections(), o.mode().name().toLowerCase(),
                    o.window(), o.mode() == LoadOptions.Mode.OPEN ? o.rate() : null, o.size(), o.warmup().toSeconds(),
                    o.duration().toSeconds(), o.drain().toSeconds(), o.sdkClients(), o.maxOutbox(),
                    o.serverPid().orElse(null));
        }
    }

    /** Messages per second over the measured window. */
    public record Throughput(double sentPerSecond, double ackedPerSecond, double deliveredPerSecond) {
    }
}
