package parley.bench.fanout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import parley.bench.load.LoadOptions;
import parley.bench.load.ScenarioChecks;
import parley.bench.load.TargetOptions;
import parley.bench.report.ScenarioOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley bench fanout}: groups whose every message reaches all members. */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = {"Load a server with group messages: --groups groups of --members members, --senders of them"
                + " sending in each (through the SDK), every member receiving (the others on raw sessions).",
                "Reports deliveries/s and send -> ack, -> each delivery, -> last delivery latency. Needs the server's"
                + " operator secret (users are made in bulk)."})
public final class FanoutCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--groups", defaultValue = "1", description = "groups (default: ${DEFAULT-VALUE})")
    int groups;

    @Option(names = "--members", defaultValue = "100", description = "members per group (default: ${DEFAULT-VALUE}; at most the server's chat.max-group-members)")
    int members;

    @Option(names = "--senders", defaultValue = "1", description = "senders per group (default: ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--mode", defaultValue = "closed", description = "closed or open (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--window", defaultValue = "8", description = "closed loop: sends in flight per sender (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--rate", defaultValue = "100", description = "open loop: messages/s in total (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--size", defaultValue = "100", description = "bytes per message (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of unmeasured load first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--duration", defaultValue = "20", description = "seconds measured (default: ${DEFAULT-VALUE}; at most 600)")
    int duration;

    @Option(names = "--drain", defaultValue = "30", description = "seconds to wait at most for the last acks and deliveries (default: ${DEFAULT-VALUE})")
    int drain;

    @Option(names = "--sdk-clients", defaultValue = "4", description = "SDK clients the senders are spread over (default: ${DEFAULT-VALUE})")
    int sdkClients;

    @Option(names = "--limit", defaultValue = "120", description = "seconds the members may take to come online (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(target.problems());
        ScenarioChecks.range(problems, "--groups", groups, 1, 1_000);
        ScenarioChecks.range(problems, "--members", members, 2, 100_000);
        ScenarioChecks.range(problems, "--senders", senders, 1, members);
        ScenarioChecks.range(problems, "--window", window, 1, 10_000);
        ScenarioChecks.range(problems, "--rate", rate, 1, LoadOptions.MAX_RATE);
        ScenarioChecks.range(problems, "--size", size, 1, LoadOptions.MAX_SIZE);
        ScenarioChecks.range(problems, "--warmup", warmup, 0, 600);
        ScenarioChecks.range(problems, "--duration", duration, 1, 600);
        ScenarioChecks.range(problems, "--drain", drain, 1, 600);
        ScenarioChecks.range(problems, "--sdk-clients", sdkClients, 1, 64);
        ScenarioChecks.range(problems, "--limit", limit, 1, 3_600);
        ScenarioChecks.range(problems, "--groups x --members", (long) groups * members, 2, 200_000);
        LoadOptions.Mode pacing = switch (mode.toLowerCase()) {
            case "closed" -> LoadOptions.Mode.CLOSED;
            case "open" -> LoadOptions.Mode.OPEN;
            default -> {
                problems.add("--mode must be closed or open, got " + mode);
                yield LoadOptions.Mode.CLOSED;
            }
        };
        if (!ScenarioChecks.report(problems)) {
            return 2;
        }
        FanoutScenario.Result result = new FanoutScenario(new FanoutOptions(target, groups, members, senders, pacing,
                window, rate, size, Duration.ofSeconds(warmup), Duration.ofSeconds(duration), Duration.ofSeconds(drain),
                sdkClients, Duration.ofSeconds(limit)), Clock.systemUTC(), System.out).run();
        new ScenarioOutput().emit(result.report(), result.series(), target.out("fanout"), System.out);
        return result.report().verdict().pass() ? 0 : 1;
    }
}
