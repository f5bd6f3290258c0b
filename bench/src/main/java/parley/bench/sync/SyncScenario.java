package parley.bench.sync;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import parley.bench.load.AdminProvisioner;
import parley.bench.load.BenchUser;
import parley.bench.load.BoundedWait;
import parley.bench.load.ChatVerdict;
import parley.bench.load.CpuMeter;
import parley.bench.load.LatencySummary;
import parley.bench.load.ParallelCalls;
import parley.bench.load.SeqLedger;
import parley.bench.load.Verdict;
import parley.bench.report.LatencyChart;
import parley.bench.report.LatencyRow;
import parley.bench.report.ScenarioReport;
import parley.bench.wire.ChatFiller;
import parley.bench.wire.ResyncingListener;
import parley.bench.wire.WireClients;
import parley.bench.wire.WireSession;
import parley.client.ClientOptions;
import parley.client.ParleyClient;

/**
 * Sync and history: a user with many chats comes back after a long absence. Set-up: a reader and
 * one partner per chat, made in bulk; each partner opens its chat with the reader and fills it
 * while the reader is away. Then, measured: the reader's cold sync (one raw session, paged
 * {@code sync} from nothing until the last page), and history paging (a second session scrolls
 * whole chats back to seq 1). The verdict: the sync gave the reader every chat's messages exactly
 * once, in order, without a gap; the history pages joined up to seq 1.
 */
public final class SyncScenario {
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);

    private final SyncOptions options;
    private final Clock clock;
    private final PrintStream log;

    public SyncScenario(SyncOptions options, Clock clock, PrintStream log) {
        this.options = options;
        this.clock = clock;
        this.log = log;
    }

    /** The report and the distributions for the chart. */
    public record Result(ScenarioReport report, List<LatencyChart.Series> series) {
    }

    public Result run() throws Exception {
        String startedAt = clock.instant().toString();
        log.println("parley bench sync: " + options.describe());
        long setupStart = System.nanoTime();
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(options.target().server())
                .requestTimeout(Duration.ofSeconds(120)).build());
             WireClients wire = options.target().wireClients()) {
            List<BenchUser> users = new AdminProvisioner(client.http(), options.target().secret().orElseThrow(),
                    new Random(), log).users(options.chats() + 1, "s");
            BenchUser reader = users.getFirst();
            List<BenchUser> partners = users.subList(1, users.size());
            List<Long> chatIds = ParallelCalls.map(partners, 8, SETUP_LIMIT,
                    partner -> client.http().openDirect(partner.token(), reader.username()).chatId());
            Map<Long, SeqLedger> ledgers = new LinkedHashMap<>();
            List<ChatFiller.Fill> fills = new ArrayList<>();
            for (int i = 0; i < chatIds.size(); i++) {
                SeqLedger ledger = new SeqLedger(chatIds.get(i), List.of(reader.userId()));
                ledgers.put(chatIds.get(i), ledger);
                fills.add(new ChatFiller.Fill(chatIds.get(i), partners.get(i), ledger));
            }
            log.printf("opened %d chats; filling them while the reader is away%n", chatIds.size());
            long refused = new ChatFiller(wire, options.fillConnections(), log).fill(fills, options.messages(),
                    "x".repeat(options.size()));
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

            CpuMeter meter = new CpuMeter(options.target().serverPid());
            CpuMeter.Sample from = meter.sample();
            Recorder syncPages = new Recorder(3);
            AtomicLong synced = new AtomicLong();
            CompletableFuture<Long> resynced = new CompletableFuture<>();
            long syncStart = System.nanoTime();
            WireSession readerSession = wire.open(reader.token(), new ResyncingListener(reader.userId(), ledgers,
                    options.syncPage(), new ResyncingListener.Events() {
                        @Override
                        public void syncPage(long nanos, int messages) {
                            syncPages.recordValue(nanos / 1_000);
                            synced.addAndGet(messages);
                        }

                        @Override
                        public void resynced(WireSession session) {
                            resynced.complete(System.nanoTime());
                        }

                        @Override
                        public void closed(WireSession session, String why) {
                            resynced.completeExceptionally(new IllegalStateException(why));
                        }
                    }), reader).session();
            List<String> failed = new ArrayList<>();
            boolean syncDone = BoundedWait.until(resynced::isDone, options.limit(), s -> log.printf(
                    "%4ds cold sync: %d messages so far%n", s, synced.get()));
            double syncSeconds = syncDone && !resynced.isCompletedExceptionally()
                    ? (resynced.join() - syncStart) / 1e9 : Double.NaN;
            if (!syncDone || resynced.isCompletedExceptionally()) {
                failed.add("the cold sync did not complete within " + options.limit().toSeconds() + " s");
            }
            readerSession.close();

            List<Long> historyChats = chatIds.subList(0, Math.min(options.historyChats(), chatIds.size()));
            Recorder historyPages = new Recorder(3);
            HistoryPager pager = new HistoryPager(historyChats, options.page(), historyPages);
            long historyStart = System.nanoTime();
            WireSession historySession = wire.open(reader.token(), pager, reader).session();
            boolean historyDone = BoundedWait.until(pager.done()::isDone, options.limit(), s -> log.printf(
                    "%4ds history paging%n", s));
            double historySeconds = (System.nanoTime() - historyStart) / 1e9;
            historySession.close();
            CpuMeter.Usage cpu = meter.between(from, meter.sample());
            if (!historyDone || pager.done().isCompletedExceptionally()) {
                failed.add("history paging did not complete within " + options.limit().toSeconds() + " s"
                        + (pager.done().isCompletedExceptionally() ? " (" + pager.done().exceptionNow().getMessage() + ")" : ""));
            } else {
                failed.addAll(pager.problems());
            }

            List<ChatVerdict> verdicts = ledgers.values().stream().map(SeqLedger::verdict).toList();
            Histogram syncHistogram = syncPages.getIntervalHistogram();
            Histogram historyHistogram = historyPages.getIntervalHistogram();
            long syncedMessages = synced.get();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("chats", chatIds.size());
            figures.put("messages per chat", options.messages());
            figures.put("sends refused while filling", refused);
            figures.put("cold sync: seconds", syncSeconds);
            figures.put("cold sync: messages", syncedMessages);
            figures.put("cold sync: messages/s", syncedMessages / syncSeconds);
            figures.put("cold sync: pages", syncHistogram.getTotalCount());
            figures.put("history: chats scrolled to seq 1", historyChats.size());
            figures.put("history: pages", pager.pages());
            figures.put("history: pages/s", pager.pages() / historySeconds);
            figures.put("history: messages/s", pager.messages() / historySeconds);
            Map<String, Object> settings = options.target().settings();
            settings.putAll(options.settings());
            ScenarioReport report = new ScenarioReport("sync", options.describe(), startedAt, settings, setupSeconds,
                    List.of(new LatencyRow("sync page (ask -> answer)", syncHistogram.getTotalCount(),
                                    syncHistogram.getTotalCount() / syncSeconds, LatencySummary.of(syncHistogram)),
                            new LatencyRow("history page", historyHistogram.getTotalCount(),
                                    pager.pages() / historySeconds, LatencySummary.of(historyHistogram))),
                    figures, List.of(), Verdict.of(verdicts, failed), cpu);
            return new Result(report, List.of(new LatencyChart.Series("sync page", syncHistogram),
                    new LatencyChart.Series("history page", historyHistogram)));
        }
    }
}
