package parley.bench.idle;

import java.lang.management.ManagementFactory;
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

/** {@code parley bench idle}: many connections that only heartbeat, and the server's memory for them. */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Hold many WebSocket connections that only heartbeat, and measure the server's memory per"
                + " connection from its own report (heap, direct buffers, resident size).",
                "Needs the server's operator secret. Each connection is a file descriptor on both sides: raise the"
                + " open-file limit of the server and of the tool (./parley raises the soft limit to the hard one), and"
                + " spread connections over --source-addresses past about 28,000."})
public final class IdleCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--connections", defaultValue = "1000", description = "connections to hold (default: ${DEFAULT-VALUE}; at most 200000)")
    int connections;

    @Option(names = "--ramp-rate", defaultValue = "2000", description = "connections opened per second at most (default: ${DEFAULT-VALUE})")
    int rampRate;

    @Option(names = "--max-opening", defaultValue = "500", description = "upgrades in flight at most (default: ${DEFAULT-VALUE})")
    int maxOpening;

    @Option(names = "--hold", defaultValue = "30", description = "seconds to hold them once all are up (default: ${DEFAULT-VALUE})")
    int hold;

    @Option(names = "--limit", defaultValue = "300", description = "seconds the opening may take at most (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(target.problems());
        ScenarioChecks.range(problems, "--connections", connections, 1, 200_000);
        ScenarioChecks.range(problems, "--ramp-rate", rampRate, 1, 100_000);
        ScenarioChecks.range(problems, "--max-opening", maxOpening, 1, 100_000);
        ScenarioChecks.range(problems, "--hold", hold, 0, 3_600);
        ScenarioChecks.range(problems, "--limit", limit, 1, 3_600);
        long files = openFileLimit();
        if (files > 0 && connections + 200 > files) {
            problems.add("--connections " + connections + " needs as many open files, but this process may open "
                    + files + "; raise it (ulimit -n) or ask for fewer");
        }
        if (target.sourceAddressesCount() * 28_000L < connections) {
            problems.add("--connections " + connections + " needs --source-addresses of at least "
                    + ((connections + 27_999) / 28_000) + " (about 28,000 ports per source address)");
        }
        if (!ScenarioChecks.report(problems)) {
            return 2;
        }
        IdleScenario.Result result = new IdleScenario(new IdleOptions(target, connections, rampRate, maxOpening,
                Duration.ofSeconds(hold), Duration.ofSeconds(limit)), Clock.systemUTC(), System.out).run();
        new ScenarioOutput().emit(result.report(), result.series(), target.out("idle"), System.out);
        return result.report().verdict().pass() ? 0 : 1;
    }

    private static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
