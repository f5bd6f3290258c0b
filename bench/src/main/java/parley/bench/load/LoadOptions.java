package parley.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one load run, immutable and validated as a whole: every problem is reported at
 * once, in words a person can act on. Every loop the run makes is bounded by these numbers.
 *
 * @param server         the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param pairs          one-on-one chats, each between two freshly registered users
 * @param bothDirections both members of a pair send (else only the first one does)
 * @param mode           closed loop (a fixed window in flight per sender) or open loop (a fixed rate)
 * @param window         closed loop: sends each sender keeps awaiting their ack
 * @param rate           open loop: messages per second in total, spread evenly over the senders
 * @param size           bytes of text per message (ASCII, so also characters)
 * @param warmup         load before the measurement, not recorded
 * @param duration       the measured part of the run
 * @param drain          after the run, how long to wait at most for the last acks and deliveries
 * @param provisionThreads registrations and logins in flight at once (each is an Argon2id hash on
 *                       the server, tens of milliseconds of its CPU)
 * @param sdkClients     SDK clients ({@code ParleyClient}, each with its own JDK HttpClient and
 *                       selector thread) the connections are spread over
 * @param maxOutbox      sends each connection holds at most before its ack (the SDK's bound); an
 *                       open-loop send past it is counted as refused
 * @param serverPid      the server's process id, when it runs on this machine: its CPU use is reported
 * @param out            where the JSON result is written
 */
public record LoadOptions(URI server, int pairs, boolean bothDirections, Mode mode, int window, int rate, int size,
                          Duration warmup, Duration duration, Duration drain, int provisionThreads, int sdkClients,
                          int maxOutbox, Optional<Long> serverPid, Path out) {

    /** How sends are paced. */
    public enum Mode {
        /** Each sender keeps {@code window} sends in flight: measures capacity. */
        CLOSED,
        /** Sends at a fixed total rate whatever the answers: measures latency at a given load. */
        OPEN
    }

    public static final int MAX_PAIRS = 1_000;
    /** Above this, provisioning (two Argon2id hashes per user) takes minutes: say so. */
    public static final int COMFORTABLE_PAIRS = 200;
    public static final int MAX_RATE = 200_000;
    public static final int MAX_SIZE = 60 * 1024;
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    public LoadOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(serverPid, "serverPid");
        Objects.requireNonNull(out, "out");
        List<String> problems = new ArrayList<>();
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null) {
            problems.add("--server must be http://host:port or https://host:port, got " + server);
        }
        range(problems, "--pairs", pairs, 1, MAX_PAIRS);
        range(problems, "--window", window, 1, 10_000);
        if (mode == Mode.OPEN) {
            range(problems, "--rate", rate, 1, MAX_RATE);
        }
        range(problems, "--size", size, 1, MAX_SIZE);
        seconds(problems, "--warmup", warmup, Duration.ZERO);
        seconds(problems, "--duration", duration, Duration.ofSeconds(1));
        seconds(problems, "--drain", drain, Duration.ofSeconds(1));
        range(problems, "--provision-threads", provisionThreads, 1, 32);
        range(problems, "--sdk-clients", sdkClients, 1, 64);
        range(problems, "--max-outbox", maxOutbox, 1, 1_000_000);
        if (mode == Mode.CLOSED && window > maxOutbox) {
            problems.add("--window (" + window + ") cannot exceed --max-outbox (" + maxOutbox + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** The users that send: one per pair, or both members. */
    public int senders() {
        return bothDirections ? 2 * pairs : pairs;
    }

    /** A one-line description, for the report. */
    public String describe() {
        String pacing = mode == Mode.CLOSED ? "closed loop, window " + window : "open loop, " + rate + " msg/s";
        return pairs + " pairs (" + (bothDirections ? "both directions" : "one direction") + "), " + pacing + ", "
                + size + "-byte messages, " + duration.toSeconds() + " s measured after " + warmup.toSeconds()
                + " s warm-up";
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    private static void seconds(List<String> problems, String name, Duration value, Duration min) {
        if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
            problems.add(name + " must be from " + min.toSeconds() + " to " + MAX_DURATION.toSeconds()
                    + " seconds, got " + value.toSeconds());
        }
    }
}
