package parley.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import parley.bench.report.LatencyChart;
import parley.bench.report.ScenarioOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley bench one-on-one}: the options of the one-on-one scenario, then the run and its report. */
@Command(name = "one-on-one", mixinStandardHelpOptions = true,
        description = {"Load a server with one-on-one chats and judge the result.",
                "Provisions --pairs pairs of fresh users (register + login: two Argon2id hashes per user on the server,"
                        + " so keep it to about 200 pairs), opens each pair's chat, connects both members through the"
                        + " SDK, then sends for --warmup + --duration seconds: closed loop (--window sends in flight per"
                        + " sender) or open loop (--rate messages/s in total, latency from the intended send time)."})
public final class OneOnOneCommand implements Callable<Integer> {

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "the server (default: ${DEFAULT-VALUE})")
    URI server;

    @Option(names = "--pairs", defaultValue = "50", description = "chats, two users each (default: ${DEFAULT-VALUE}; at most " + LoadOptions.MAX_PAIRS + ")")
    int pairs;

    @Option(names = "--both-directions", description = "both members send (default: only the first)")
    boolean bothDirections;

    @Option(names = "--mode", defaultValue = "closed", description = "closed or open (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--window", defaultValue = "8", description = "closed loop: sends in flight per sender (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--rate", defaultValue = "1000", description = "open loop: messages/s in total (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--size", defaultValue = "100", description = "bytes of text per message (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of unmeasured load first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--duration", defaultValue = "20", description = "seconds measured (default: ${DEFAULT-VALUE}; at most 600)")
    int duration;

    @Option(names = "--drain", defaultValue = "15", description = "seconds to wait at most for the last acks and deliveries (default: ${DEFAULT-VALUE})")
    int drain;

    @Option(names = "--provision-threads", defaultValue = "4", description = "registrations/logins in flight (default: ${DEFAULT-VALUE})")
    int provisionThreads;

    @Option(names = "--sdk-clients", defaultValue = "4", description = "SDK clients the connections are spread over (default: ${DEFAULT-VALUE})")
    int sdkClients;

    @Option(names = "--max-outbox", defaultValue = "1000", description = "unacked sends per connection before the SDK refuses (default: ${DEFAULT-VALUE})")
    int maxOutbox;

    @Option(names = "--server-pid", description = "the server's process id, if local: its CPU use is reported (Linux)")
    Long serverPid;

    @Option(names = "--admin-secret", defaultValue = "${env:PARLEY_ADMIN_SECRET}",
            description = "the server's admin.secret (default: $PARLEY_ADMIN_SECRET): users are then made in bulk,"
                    + " without an Argon2id hash each, and --pairs may be large")
    String adminSecret;

    @Option(names = "--out", defaultValue = "bench-result.json", description = "the JSON result (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        LoadOptions options;
        try {
            options = new LoadOptions(server, pairs, bothDirections, mode(), window, rate, size, Duration.ofSeconds(warmup),
                    Duration.ofSeconds(duration), Duration.ofSeconds(drain), provisionThreads, sdkClients, maxOutbox,
                    Optional.ofNullable(serverPid), out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Optional<String> secret = Optional.ofNullable(adminSecret).filter(s -> !s.isBlank());
        if (secret.isEmpty() && options.pairs() > LoadOptions.COMFORTABLE_PAIRS) {
            System.err.printf("note: %d pairs means %d Argon2id hashes on the server before any message; this takes a while%n",
                    options.pairs(), 4 * options.pairs());
        }
        BenchReport report = new OneOnOneScenario(options, secret, Clock.systemUTC(), System.out).run();
        ReportWriter writer = new ReportWriter();
        writer.table(report, System.out);
        writer.json(report, options.out());
        Path chart = new ScenarioOutput().writeChart("one-on-one: " + report.description(),
                List.of(new LatencyChart.Series("send -> ack", report.ackMicros()),
                        new LatencyChart.Series("send -> deliver", report.deliverMicros())), options.out());
        System.out.println("wrote " + options.out().toAbsolutePath() + " and " + chart);
        return report.verdict().pass() ? 0 : 1;
    }

    private LoadOptions.Mode mode() {
        return switch (mode.toLowerCase()) {
            case "closed" -> LoadOptions.Mode.CLOSED;
            case "open" -> LoadOptions.Mode.OPEN;
            default -> throw new IllegalArgumentException("--mode must be closed or open, got " + mode);
        };
    }
}
