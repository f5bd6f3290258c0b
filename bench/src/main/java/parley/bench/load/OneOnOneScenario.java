package parley.bench.load;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import parley.client.ClientOptions;
import parley.client.ParleyClient;

/**
 * The one-on-one scenario: N pairs of users, each pair in its own chat, each sender sending to
 * the other member through the SDK. Runs in five bounded steps: provision (users, logins, chats),
 * connect (every member online), load (warm-up, then the measured window, a progress line a
 * second), end-of-run wait (the last acks and deliveries, at most {@code drain}), verdict.
 */
public final class OneOnOneScenario {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LoadOptions options;
    private final Clock clock;
    private final PrintStream log;
    private final Optional<String> adminSecret;

    /** @param adminSecret the server's operator secret: users are then made in bulk, without a password hash each */
    public OneOnOneScenario(LoadOptions options, Optional<String> adminSecret, Clock clock, PrintStream log) {
        this.options = options;
        this.adminSecret = adminSecret;
        this.clock = clock;
        this.log = log;
    }

    public BenchReport run() throws Exception {
        String startedAt = clock.instant().toString();
        log.println("parley bench one-on-one: " + options.describe());
        List<ChatPair> pairs;
        long provisionStart = System.nanoTime();
        try (ParleyClient http = ParleyClient.create(ClientOptions.builder(options.server())
                .requestTimeout(Duration.ofSeconds(60)).build())) {
            Provisioner provisioner = new Provisioner(http.http(), options.provisionThreads(), new Random(), log);
            pairs = adminSecret.isPresent()
                    ? provisioner.provision(options.pairs(), new AdminProvisioner(http.http(), adminSecret.get(), new Random(), log))
                    : provisioner.provision(options.pairs());
        }
        double provisionSeconds = (System.nanoTime() - provisionStart) / 1e9;

        RunRecorder recorder = new RunRecorder(System::nanoTime);
        Map<Long, ChatLedger> ledgers = new LinkedHashMap<>();
        for (ChatPair pair : pairs) {
            ledgers.put(pair.chatId(), new ChatLedger(pair.chatId(), List.of(pair.first().userId(), pair.second().userId())));
        }
        SentMessages sent = new SentMessages(expectedMessages());
        try (Fleet fleet = Fleet.connect(options, pairs, Map.copyOf(ledgers), sent, recorder, log)) {
            List<Lane> lanes = lanes(pairs, ledgers, fleet, sent, recorder);
            Driver driver = options.mode() == LoadOptions.Mode.CLOSED
                    ? new ClosedLoopDriver(lanes, options.window(), recorder)
                    : new OpenLoopPacer(lanes, options.rate(), recorder);
            CpuMeter.Usage cpu = new MeasuredLoad(options.warmup(), options.duration(), options.serverPid(), log)
                    .run(driver, recorder);
            long drainStart = System.nanoTime();
            Leftovers left = drain(recorder, ledgers.values());
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            List<ChatVerdict> verdicts = ledgers.values().stream().map(ChatLedger::verdict).toList();
            RunRecorder.Counts counts = recorder.counts();
            org.HdrHistogram.Histogram acks = recorder.measuredAcks();
            org.HdrHistogram.Histogram deliveries = recorder.measuredDeliveries();
            double seconds = options.duration().toNanos() / 1e9;
            return new BenchReport("one-on-one", options.describe(), startedAt, BenchReport.Settings.of(options),
                    provisionSeconds, seconds,
                    new BenchReport.Throughput(counts.sentInWindow() / seconds, counts.ackedInWindow() / seconds,
                            counts.deliveredInWindow() / seconds),
                    acks, deliveries, counts, driver.behind(), left.unacked(), left.undelivered(), drainSeconds,
                    Verdict.of(verdicts), cpu);
        }
    }

    private List<Lane> lanes(List<ChatPair> pairs, Map<Long, ChatLedger> ledgers, Fleet fleet, SentMessages sent,
                             RunRecorder recorder) {
        String text = "x".repeat(options.size());
        List<Lane> lanes = new ArrayList<>();
        for (ChatPair pair : pairs) {
            List<BenchUser> senders = options.bothDirections() ? pair.members() : List.of(pair.first());
            for (BenchUser sender : senders) {
                lanes.add(new Lane(pair.chatId(), sender.userId(), fleet.connection(sender.userId()),
                        ledgers.get(pair.chatId()), sent, recorder, text));
            }
        }
        return lanes;
    }

    private record Leftovers(long unacked, long undelivered) {
    }

    /** Waits (at most {@code drain}) until every send is answered and every acked message delivered. */
    private Leftovers drain(RunRecorder recorder, Iterable<ChatLedger> ledgers) {
        long deadline = recorder.now() + options.drain().toNanos();
        while (true) {
            long unacked = Math.max(0, recorder.inFlight());
            long undelivered = 0;
            for (ChatLedger ledger : ledgers) {
                undelivered += ledger.undelivered();
            }
            boolean done = unacked == 0 && undelivered == 0;
            if (done || recorder.now() - deadline >= 0) {
                if (!done) {
                    log.printf("gave up waiting after %d s: %d sends unanswered, %d acked messages undelivered%n",
                            options.drain().toSeconds(), unacked, undelivered);
                }
                return new Leftovers(unacked, undelivered);
            }
            LockSupport.parkNanos(POLL_NANOS * 4);
        }
    }

    private int expectedMessages() {
        long seconds = options.warmup().toSeconds() + options.duration().toSeconds();
        long perSecond = options.mode() == LoadOptions.Mode.OPEN ? options.rate() : 10_000;
        return (int) Math.min(4_000_000, seconds * perSecond);
    }
}
