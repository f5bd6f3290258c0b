package parley.bench.abuse;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import parley.bench.load.ScenarioChecks;
import parley.bench.load.TargetOptions;
import parley.bench.report.ScenarioOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley bench abuse}: attacks on one node, and what a bystander pair of users sees meanwhile. */
@Command(name = "abuse", mixinStandardHelpOptions = true,
        description = {"Attack one node, one attack at a time, while a bystander pair keeps chatting; per attack a"
                + " baseline phase and an attack phase of the same length: the bystander's acks/s, ack latency, API"
                + " latency and errors, what the attacker got (its refusals), and the node's memory before and after.",
                "Only for a node on this machine (127.0.0.1 or localhost), started with an operator secret. Attacks:"
                + " pipelined-healthz, ping-flood, login-flood, poll-sessions, jpeg-bomb, send-flood-ws,"
                + " send-flood-poll, group-flood, connection-flood, slow-upload (or all)."})
public final class AbuseCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--attacks", defaultValue = "all", description = "attacks to run, in this order, separated by commas (default: ${DEFAULT-VALUE})")
    String attacks;

    @Option(names = "--seconds", defaultValue = "10", description = "length of each phase, baseline and attack (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--settle", defaultValue = "5", description = "seconds the node gets to recover before each attack's baseline (default: ${DEFAULT-VALUE})")
    int settle;

    @Option(names = "--settle-max", defaultValue = "60", description = "at most this many seconds before a baseline, waiting for the bystander to be served cleanly again (default: ${DEFAULT-VALUE})")
    int settleMax;

    @Option(names = "--attacker-address", defaultValue = "127.0.0.2", description = "the loopback address the attacks come from (default: ${DEFAULT-VALUE})")
    String attackerAddress;

    @Option(names = "--api-every-ms", defaultValue = "200", description = "the bystander's GET /api/me period (default: ${DEFAULT-VALUE})")
    int apiEveryMillis;

    @Option(names = "--send-every-ms", defaultValue = "100", description = "the bystander's pace: one message per"
            + " this period at most, under the node's send rates; 0 for a closed loop as fast as acks come, which the"
            + " node then paces (default: ${DEFAULT-VALUE})")
    int sendEveryMillis;

    @Option(names = "--concurrency", defaultValue = "16", description = "requests at once of the login, poll-session and group floods (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--max-attempts", defaultValue = "1000000", description = "each attack's budget: requests, messages, connections or 64 KiB writes (default: ${DEFAULT-VALUE})")
    long maxAttempts;

    @Option(names = "--bomb-side", defaultValue = "1024", description = "width and height of the JPEG bomb (default: ${DEFAULT-VALUE})")
    int bombSide;

    @Option(names = "--bomb-scans", defaultValue = "2000", description = "scans of the JPEG bomb (default: ${DEFAULT-VALUE})")
    int bombScans;

    @Option(names = "--bomb-concurrency", defaultValue = "4", description = "bombs uploaded and completed at once (default: ${DEFAULT-VALUE})")
    int bombConcurrency;

    @Option(names = "--flood-connections", defaultValue = "5000", description = "idle connections of the connection flood (default: ${DEFAULT-VALUE})")
    int floodConnections;

    @Option(names = "--group-size", defaultValue = "1000", description = "members of each group of the group flood, creator included (default: ${DEFAULT-VALUE})")
    int groupSize;

    @Option(names = "--slow-transfers", defaultValue = "300", description = "dribbling connections of the slow upload (default: ${DEFAULT-VALUE})")
    int slowTransfers;

    @Option(names = "--dribble-ms", defaultValue = "200", description = "pause between two bytes of a dribbling connection (default: ${DEFAULT-VALUE})")
    int dribbleMillis;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(target.problems());
        List<AttackKind> kinds = List.of();
        try {
            kinds = AttackKind.parse(attacks);
        } catch (IllegalArgumentException e) {
            problems.add("--attacks: " + e.getMessage());
        }
        if (!isLoopback(target.server())) {
            problems.add("--server must be on this machine (127.0.0.1 or localhost): the abuse scenario attacks"
                    + " only a local node, got " + target.server());
        }
        InetAddress source = null;
        try {
            source = InetAddress.getByName(attackerAddress);
            if (!source.isLoopbackAddress()) {
                problems.add("--attacker-address must be a loopback address (127.x.y.z), got " + attackerAddress);
            }
        } catch (UnknownHostException e) {
            problems.add("--attacker-address is not an address: " + attackerAddress);
        }
        ScenarioChecks.range(problems, "--seconds", seconds, 1, 600);
        ScenarioChecks.range(problems, "--settle", settle, 0, 600);
        ScenarioChecks.range(problems, "--settle-max", settleMax, settle, 3_600);
        ScenarioChecks.range(problems, "--api-every-ms", apiEveryMillis, 10, 60_000);
        ScenarioChecks.range(problems, "--send-every-ms", sendEveryMillis, 0, 60_000);
        ScenarioChecks.range(problems, "--concurrency", concurrency, 1, 256);
        ScenarioChecks.range(problems, "--max-attempts", maxAttempts, 1, 100_000_000);
        ScenarioChecks.range(problems, "--bomb-side", bombSide, 8, 16_384);
        ScenarioChecks.range(problems, "--bomb-scans", bombScans, 2, 100_000);
        ScenarioChecks.range(problems, "--bomb-concurrency", bombConcurrency, 1, 64);
        ScenarioChecks.range(problems, "--flood-connections", floodConnections, 1, 60_000);
        ScenarioChecks.range(problems, "--group-size", groupSize, 2, 100_000);
        ScenarioChecks.range(problems, "--slow-transfers", slowTransfers, 1, 10_000);
        ScenarioChecks.range(problems, "--dribble-ms", dribbleMillis, 1, 60_000);
        long files = openFileLimit();
        if (files > 0 && kinds.contains(AttackKind.CONNECTION_FLOOD) && floodConnections + 500 > files) {
            problems.add("--flood-connections " + floodConnections + " needs as many open files, but this process may"
                    + " open " + files + "; raise it (ulimit -n) or ask for fewer");
        }
        if (!ScenarioChecks.report(problems)) {
            return 2;
        }
        AbuseOptions options = new AbuseOptions(target, kinds, Duration.ofSeconds(seconds), Duration.ofSeconds(settle),
                Duration.ofSeconds(settleMax), source, Duration.ofMillis(apiEveryMillis),
                Duration.ofMillis(sendEveryMillis), concurrency, maxAttempts, bombSide, bombScans,
                bombConcurrency, floodConnections, groupSize, slowTransfers, dribbleMillis);
        AbuseScenario.Result result = new AbuseScenario(options, Clock.systemUTC(), System.out).run();
        new AbuseTable().print(result.report(), System.out);
        ScenarioOutput output = new ScenarioOutput();
        output.writeJson(result.report(), target.out("abuse"));
        var svg = output.writeChart("abuse: bystander send -> ack, baseline and under each attack", result.series(),
                target.out("abuse"));
        System.out.println("wrote " + target.out("abuse").toAbsolutePath() + " and " + svg.toAbsolutePath());
        return result.report().verdict().pass() ? 0 : 1;
    }

    private static boolean isLoopback(URI server) {
        String host = server.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
