package parley.bench.storm;

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

/** {@code parley bench reconnect-storm}: every client drops and reconnects at once. */
@Command(name = "reconnect-storm", mixinStandardHelpOptions = true,
        description = {"Clients in groups drop at once, miss messages, and reconnect at once: the time until every"
                + " one has resynced, and a check that nothing was lost.",
                "Needs the server's operator secret (users are made in bulk)."})
public final class StormCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--clients", defaultValue = "1000", description = "clients that drop and reconnect (default: ${DEFAULT-VALUE}; at most 100000)")
    int clients;

    @Option(names = "--group-size", defaultValue = "100", description = "members per group (default: ${DEFAULT-VALUE}; at most 1023)")
    int groupSize;

    @Option(names = "--before", defaultValue = "5", description = "messages per group before the drop (default: ${DEFAULT-VALUE})")
    int before;

    @Option(names = "--during", defaultValue = "20", description = "messages per group while the clients are away (default: ${DEFAULT-VALUE})")
    int during;

    @Option(names = "--size", defaultValue = "100", description = "bytes per message (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--max-opening", description = "connections resyncing at once in the storm (default: all of them)")
    Integer maxOpening;

    @Option(names = "--sync-page", description = "messages per sync page (default: the server's maximum)")
    Integer syncPage;

    @Option(names = "--limit", defaultValue = "120", description = "seconds the first connection, then the storm, may take (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(target.problems());
        ScenarioChecks.range(problems, "--clients", clients, 1, 100_000);
        ScenarioChecks.range(problems, "--group-size", groupSize, 1, 1_023);
        ScenarioChecks.range(problems, "--before", before, 0, 10_000);
        ScenarioChecks.range(problems, "--during", during, 0, 10_000);
        ScenarioChecks.range(problems, "--size", size, 1, 60 * 1024);
        int opening = maxOpening == null ? clients : maxOpening;
        ScenarioChecks.range(problems, "--max-opening", opening, 1, 100_000);
        if (syncPage != null) {
            ScenarioChecks.range(problems, "--sync-page", syncPage, 1, 10_000);
        }
        ScenarioChecks.range(problems, "--limit", limit, 1, 3_600);
        if (!ScenarioChecks.report(problems)) {
            return 2;
        }
        StormScenario.Result result = new StormScenario(new StormOptions(target, clients, groupSize, before, during,
                size, opening, syncPage, Duration.ofSeconds(limit)), Clock.systemUTC(), System.out).run();
        new ScenarioOutput().emit(result.report(), result.series(), target.out("reconnect-storm"), System.out);
        return result.report().verdict().pass() ? 0 : 1;
    }
}
