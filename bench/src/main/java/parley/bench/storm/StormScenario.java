package parley.bench.storm;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import parley.bench.load.AdminProvisioner;
import parley.bench.load.BenchUser;
import parley.bench.load.BoundedWait;
import parley.bench.load.CpuMeter;
import parley.bench.load.LatencySummary;
import parley.bench.load.ParallelCalls;
import parley.bench.load.SeqLedger;
import parley.bench.load.Verdict;
import parley.bench.report.LatencyChart;
import parley.bench.report.LatencyRow;
import parley.bench.report.ScenarioReport;
import parley.bench.wire.ChatFiller;
import parley.bench.wire.ReaderFleet;
import parley.bench.wire.WireClients;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.http.ParleyHttp;

/**
 * The reconnect storm: C members in groups, each group with a writer. Everyone connects and
 * resyncs; the writers connect, send (live delivery) and leave; then every member drops at once;
 * the writers come back and send again while the members are away; then every member reconnects at once and resyncs from what it holds.
 * Measured: the time from the storm's start until each member, and the last one, has resynced.
 * The verdict: every member holds every acked message of its group exactly once, in order, with no
 * gap, and every member came back.
 */
final class StormScenario {
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);

    private final StormOptions options;
    private final Clock clock;
    private final PrintStream log;

    StormScenario(StormOptions options, Clock clock, PrintStream log) {
        this.options = options;
        this.clock = clock;
        this.log = log;
    }

    record Result(ScenarioReport report, List<LatencyChart.Series> series) {
    }

    Result run() throws Exception {
        String startedAt = clock.instant().toString();
        log.println("parley bench reconnect-storm: " + options.describe());
        long setupStart = System.nanoTime();
        String secret = options.target().secret().orElseThrow();
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(options.target().server())
                .requestTimeout(Duration.ofSeconds(120)).build());
             WireClients wire = options.target().wireClients()) {
            ParleyHttp http = client.http();
            int groups = options.groups();
            List<BenchUser> users = new AdminProvisioner(http, secret, new Random(), log)
                    .users(options.clients() + groups, "r");
            List<BenchUser> writers = users.subList(0, groups);
            List<BenchUser> clients = users.subList(groups, users.size());
            List<List<BenchUser>> memberLists = IntStream.range(0, groups).mapToObj(g -> clients.subList(
                    g * options.groupSize(), Math.min(clients.size(), (g + 1) * options.groupSize()))).toList();
            List<Long> chatIds = ParallelCalls.map(IntStream.range(0, groups).boxed().toList(), 4, SETUP_LIMIT,
                    g -> http.createGroup(writers.get(g).token(), "storm " + g,
                            memberLists.get(g).stream().map(BenchUser::userId).toList(), false).chatId());
            List<ReaderFleet.Member> members = new ArrayList<>();
            List<SeqLedger> ledgers = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                SeqLedger ledger = new SeqLedger(chatIds.get(g), memberLists.get(g).stream().map(BenchUser::userId).toList());
                ledgers.add(ledger);
                for (BenchUser member : memberLists.get(g)) {
                    members.add(new ReaderFleet.Member(member, Map.of(chatIds.get(g), ledger)));
                }
            }
            String text = "x".repeat(options.size());
            List<ChatFiller.Fill> fills = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                fills.add(new ChatFiller.Fill(chatIds.get(g), writers.get(g), ledgers.get(g)));
            }
            ChatFiller writing = new ChatFiller(wire, Math.min(groups, 200), log);
            ReaderFleet fleet = new ReaderFleet(wire, members, options.syncPage(), (member, message) -> { });
            try {
                List<String> failed = new ArrayList<>();
                if (!fleet.connect(Math.min(options.maxOpening(), 2_000), options.limit(), s -> log.printf(
                        "%4ds connecting: %d of %d resynced, %d retries%n", s, fleet.resynced(), fleet.size(),
                        fleet.retries()))) {
                    throw new IllegalStateException("only " + fleet.resynced() + " of " + fleet.size()
                            + " members came online before the storm (" + fleet.failed() + " failed, e.g. "
                            + fleet.failures() + ")");
                }
                log.printf("%d members online; the writers send %d messages per group%n", fleet.size(), options.before());
                long refused = writing.fill(fills, options.before(), text);
                if (!BoundedWait.until(() -> missing(ledgers) == 0, options.limit(), s -> log.printf(
                        "%4ds live delivery: %d deliveries missing%n", s, missing(ledgers)))) {
                    failed.add("live delivery before the storm was still missing " + missing(ledgers) + " messages");
                }
                double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

                fleet.dropAll();
                BoundedWait.until(() -> http.serverStats(secret).sessions() == 0, Duration.ofSeconds(30),
                        s -> log.printf("%4ds waiting for the server to notice the drop%n", s));
                log.printf("every member dropped; the writers send %d messages per group while they are away%n",
                        options.during());
                refused += writing.fill(fills, options.during(), text);

                CpuMeter meter = new CpuMeter(options.target().serverPid());
                CpuMeter.Sample from = meter.sample();
                long stormStart = System.nanoTime();
                boolean back = fleet.connect(options.maxOpening(), options.limit(), s -> log.printf(
                        "%4ds storm: %d of %d resynced, %d retries%n", s, fleet.resynced(), fleet.size(), fleet.retries()));
                double stormSeconds = (System.nanoTime() - stormStart) / 1e9;
                CpuMeter.Usage cpu = meter.between(from, meter.sample());
                if (!back) {
                    failed.add("only " + fleet.resynced() + " of " + fleet.size() + " members resynced within "
                            + options.limit().toSeconds() + " s (" + fleet.failed() + " failed to connect)");
                }
                Histogram resync = fleet.resyncMicros().getIntervalHistogram();
                Histogram pages = fleet.syncPageMicros().getIntervalHistogram();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("members (storm clients)", fleet.size());
                figures.put("groups (one writer each)", groups);
                figures.put("members back and resynced", fleet.resynced());
                figures.put("seconds until every member resynced", back ? resync.getMaxValue() / 1e6 : Double.NaN);
                figures.put("seconds until the storm settled", stormSeconds);
                figures.put("resynced members per second", fleet.resynced() / stormSeconds);
                figures.put("messages missed per member", options.during());
                figures.put("connection attempts retried in the storm", fleet.retries());
                figures.put("first reasons attempts failed", fleet.failures().toString());
                figures.put("sends refused by the server", refused);
                Map<String, Object> settings = options.target().settings();
                settings.putAll(options.settings());
                ScenarioReport report = new ScenarioReport("reconnect-storm", options.describe(), startedAt, settings,
                        setupSeconds, List.of(
                        new LatencyRow("storm start -> resynced", resync.getTotalCount(), 0, LatencySummary.of(resync)),
                        new LatencyRow("sync page (ask -> answer)", pages.getTotalCount(), 0, LatencySummary.of(pages))),
                        figures, List.of(), Verdict.of(ledgers.stream().map(SeqLedger::verdict).toList(), failed), cpu);
                return new Result(report, List.of(new LatencyChart.Series("storm start -> resynced", resync),
                        new LatencyChart.Series("sync page", pages)));
            } finally {
                fleet.close();
            }
        }
    }

    private static long missing(List<SeqLedger> ledgers) {
        return ledgers.stream().mapToLong(SeqLedger::missing).sum();
    }
}
