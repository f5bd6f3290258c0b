package parley.bench.sync;

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

/** {@code parley bench sync}: a cold sync of a user with many chats, then history paging. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"A user with many chats comes back after a long absence: time the cold sync of everything"
                + " missed, then scroll whole chats back to their first message (history paging throughput).",
                "Needs the server's operator secret (users are made in bulk)."})
public final class SyncCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--chats", defaultValue = "200", description = "chats of the reader (default: ${DEFAULT-VALUE}; at most 20000)")
    int chats;

    @Option(names = "--messages", defaultValue = "50", description = "messages per chat (default: ${DEFAULT-VALUE}; at most 10000)")
    int messages;

    @Option(names = "--size", defaultValue = "100", description = "bytes per message (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--sync-page", description = "messages per sync page (default: the server's maximum)")
    Integer syncPage;

    @Option(names = "--page", defaultValue = "50", description = "messages per history page (default: ${DEFAULT-VALUE})")
    int page;

    @Option(names = "--history-chats", defaultValue = "20", description = "chats scrolled back to seq 1 (default: ${DEFAULT-VALUE})")
    int historyChats;

    @Option(names = "--fill-connections", defaultValue = "100", description = "writers at once while filling (default: ${DEFAULT-VALUE})")
    int fillConnections;

    @Option(names = "--limit", defaultValue = "300", description = "seconds the sync, then the paging, may take at most (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(target.problems());
        ScenarioChecks.range(problems, "--chats", chats, 1, 20_000);
        ScenarioChecks.range(problems, "--messages", messages, 1, 10_000);
        ScenarioChecks.range(problems, "--size", size, 1, 60 * 1024);
        if (syncPage != null) {
            ScenarioChecks.range(problems, "--sync-page", syncPage, 1, 10_000);
        }
        ScenarioChecks.range(problems, "--page", page, 1, 10_000);
        ScenarioChecks.range(problems, "--history-chats", historyChats, 0, 20_000);
        ScenarioChecks.range(problems, "--fill-connections", fillConnections, 1, 10_000);
        ScenarioChecks.range(problems, "--limit", limit, 1, 3_600);
        if (!ScenarioChecks.report(problems)) {
            return 2;
        }
        SyncScenario.Result result = new SyncScenario(new SyncOptions(target, chats, messages, size, syncPage, page,
                historyChats, fillConnections, Duration.ofSeconds(limit)), Clock.systemUTC(), System.out).run();
        new ScenarioOutput().emit(result.report(), result.series(), target.out("sync"), System.out);
        return result.report().verdict().pass() ? 0 : 1;
    }
}
