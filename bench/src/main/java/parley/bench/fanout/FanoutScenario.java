package parley.bench.fanout;

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
import parley.bench.load.ClosedLoopDriver;
import parley.bench.load.CpuMeter;
import parley.bench.load.Driver;
import parley.bench.load.Lane;
import parley.bench.load.LatencySummary;
import parley.bench.load.LoadOptions;
import parley.bench.load.MeasuredLoad;
import parley.bench.load.OpenLoopPacer;
import parley.bench.load.ParallelCalls;
import parley.bench.load.RunRecorder;
import parley.bench.load.SentMessages;
import parley.bench.load.SeqLedger;
import parley.bench.load.Verdict;
import parley.bench.report.LatencyChart;
import parley.bench.report.LatencyRow;
import parley.bench.report.ScenarioReport;
import parley.bench.wire.ReaderFleet;
import parley.bench.wire.WireClients;
import parley.client.ClientOptions;
import parley.client.ParleyClient;

/**
 * Group fan-out: G groups of M members; in each, K members send through the SDK (closed or open
 * loop) and every member receives: the senders on their SDK connections, the others on raw
 * sessions. Measured: deliveries per second (a message reaching a member other than its sender),
 * send to ack, send to each delivery, and send to the last delivery of the group. The verdict: per
 * group and member, every seq once, in order, no gap; every acked message reached every member.
 */
final class FanoutScenario {
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);

    private final FanoutOptions options;
    private final Clock clock;
    private final PrintStream log;

    FanoutScenario(FanoutOptions options, Clock clock, PrintStream log) {
        this.options = options;
        this.clock = clock;
        this.log = log;
    }

    record Result(ScenarioReport report, List<LatencyChart.Series> series) {
    }

    Result run() throws Exception {
        String startedAt = clock.instant().toString();
        log.println("parley bench fanout: " + options.describe());
        long setupStart = System.nanoTime();
        ClientOptions sdk = ClientOptions.builder(options.target().server()).requestTimeout(Duration.ofSeconds(120))
                .maxOutbox(Math.max(1_000, 2 * options.window())).maxQueuedFrames(65_536).build();
        try (ParleyClient client = ParleyClient.create(sdk);
             WireClients wire = options.target().wireClients();
             SenderConnections senders = new SenderConnections(sdk, options.sdkClients())) {
            int m = options.members();
            List<BenchUser> users = new AdminProvisioner(client.http(), options.target().secret().orElseThrow(),
                    new Random(), log).users(options.groups() * m, "f");
            List<List<BenchUser>> groups = IntStream.range(0, options.groups())
                    .mapToObj(g -> users.subList(g * m, (g + 1) * m)).toList();
            List<Long> chatIds = ParallelCalls.map(groups, 4, SETUP_LIMIT, members -> client.http().createGroup(
                    members.getFirst().token(), "fan-out", members.subList(1, members.size()).stream()
                            .map(BenchUser::userId).toList(), false).chatId());
            RunRecorder recorder = new RunRecorder(System::nanoTime);
            SentMessages sent = new SentMessages(1 << 16);
            FanoutTracker tracker = new FanoutTracker(sent, recorder, m - 1);
            List<SeqLedger> ledgers = new ArrayList<>();
            List<SenderConnections.Sender> senderList = new ArrayList<>();
            List<ReaderFleet.Member> readers = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                List<BenchUser> members = groups.get(g);
                SeqLedger ledger = new SeqLedger(chatIds.get(g), members.stream().map(BenchUser::userId).toList());
                ledgers.add(ledger);
                for (int i = 0; i < members.size(); i++) {
                    if (i < options.senders()) {
                        senderList.add(new SenderConnections.Sender(members.get(i), ledger));
                    } else {
                        readers.add(new ReaderFleet.Member(members.get(i), Map.of(chatIds.get(g), ledger)));
                    }
                }
            }
            ReaderFleet fleet = new ReaderFleet(wire, readers, null, (member, message) -> tracker.delivered(message));
            try {
                if (!fleet.connect(1_000, options.limit(), s -> log.printf("%4ds connecting: %d of %d readers online%n",
                        s, fleet.resynced(), fleet.size()))) {
                    throw new IllegalStateException("only " + fleet.resynced() + " of " + fleet.size()
                            + " readers came online (e.g. " + fleet.failures() + ")");
                }
                senders.connect(senderList, tracker, recorder, options.limit());
                log.printf("%d members online (%d senders through the SDK, %d readers on raw sessions)%n",
                        readers.size() + senderList.size(), senderList.size(), readers.size());
                double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
                String text = "x".repeat(options.size());
                List<Lane> lanes = senderList.stream().map(s -> new Lane(s.ledger().chatId(), s.user().userId(),
                        senders.connection(s.user().userId()), s.ledger(), sent, recorder, text)).toList();
                Driver driver = options.mode() == LoadOptions.Mode.CLOSED
                        ? new ClosedLoopDriver(lanes, options.window(), recorder)
                        : new OpenLoopPacer(lanes, options.rate(), recorder);
                CpuMeter.Usage cpu = new MeasuredLoad(options.warmup(), options.duration(), options.target().serverPid(),
                        log).run(driver, recorder);
                long drainStart = System.nanoTime();
                boolean drained = BoundedWait.until(() -> recorder.inFlight() <= 0 && missing(ledgers) == 0,
                        options.drain(), s -> log.printf("%4ds end-of-run wait: %d sends unanswered, %d deliveries"
                                + " missing%n", s, recorder.inFlight(), missing(ledgers)));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                List<String> failed = new ArrayList<>();
                if (!drained) {
                    failed.add("after " + options.drain().toSeconds() + " s, " + recorder.inFlight() + " sends were"
                            + " unanswered and " + missing(ledgers) + " deliveries missing");
                }
                if (fleet.dropped() > 0) {
                    failed.add(fleet.dropped() + " readers' connections dropped during the run");
                }
                RunRecorder.Counts counts = recorder.counts();
                double seconds = options.duration().toNanos() / 1e9;
                Histogram acks = recorder.measuredAcks();
                Histogram deliveries = recorder.measuredDeliveries();
                Histogram complete = recorder.measuredCompletions();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("deliveries/s (measured window)", counts.deliveredInWindow() / seconds);
                figures.put("messages acked/s", counts.ackedInWindow() / seconds);
                figures.put("messages offered (sent)/s", counts.sentInWindow() / seconds);
                figures.put("members per group", m);
                figures.put("whole run: sent, acked, deliveries", counts.sent() + ", " + counts.acked() + ", "
                        + counts.delivered());
                figures.put("sends failed / refused by the SDK outbox", counts.failed() + " / " + counts.refused());
                figures.put("sender reconnects / reader drops", senders.reconnects() + " / " + fleet.dropped());
                figures.put("pacer behind (open loop)", driver.behind());
                figures.put("end-of-run wait, s", drainSeconds);
                Map<String, Object> settings = options.target().settings();
                settings.putAll(options.settings());
                ScenarioReport report = new ScenarioReport("fanout", options.describe(), startedAt, settings,
                        setupSeconds, List.of(
                        new LatencyRow("send -> ack", acks.getTotalCount(), counts.ackedInWindow() / seconds,
                                LatencySummary.of(acks)),
                        new LatencyRow("send -> each delivery", deliveries.getTotalCount(),
                                counts.deliveredInWindow() / seconds, LatencySummary.of(deliveries)),
                        new LatencyRow("send -> last delivery", complete.getTotalCount(), 0, LatencySummary.of(complete))),
                        figures, List.of(), Verdict.of(ledgers.stream().map(SeqLedger::verdict).toList(), failed), cpu);
                return new Result(report, List.of(new LatencyChart.Series("send -> ack", acks),
                        new LatencyChart.Series("send -> each delivery", deliveries),
                        new LatencyChart.Series("send -> last delivery", complete)));
            } finally {
                fleet.close();
            }
        }
    }

    private static long missing(List<SeqLedger> ledgers) {
        return ledgers.stream().mapToLong(SeqLedger::missing).sum();
    }
}
