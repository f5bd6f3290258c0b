package parley.bench.abuse;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import parley.bench.load.AdminProvisioner;
import parley.bench.load.BenchUser;
import parley.bench.load.BoundedWait;
import parley.bench.load.CpuMeter;
import parley.bench.load.Verdict;
import parley.bench.report.LatencyChart;
import parley.bench.wire.WireClients;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.http.ParleyHttp;

/**
 * Abuse, one attack after another against one node, each A/B: a baseline phase with no attack,
 * then an attack phase of the same length, while a {@link Bystander} pair keeps chatting; per
 * phase the bystander's acks, latency and errors, what the attacker got, and the node's memory
 * around the attack. Before each baseline the node gets {@code --settle} seconds to recover, and
 * more until the bystander is served cleanly again (at most {@code --settle-max}). If the
 * node dies (its process is gone, or it answers nothing), the run says so and stops there.
 *
 * <p>Accounts are made before anything is measured, through the operator endpoint: the bystander
 * pair, a fresh pair for each attack (so that one attack's quotas do not blunt the next), and the
 * members of the group flood.
 */
final class AbuseScenario {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final long PEAK_EVERY_SECONDS = 2;
    private static final long CLEAN_MILLIS = 250;

    private final AbuseOptions options;
    private final Clock clock;
    private final PrintStream log;

    AbuseScenario(AbuseOptions options, Clock clock, PrintStream log) {
        this.options = options;
        this.clock = clock;
        this.log = log;
    }

    record Result(AbuseReport report, List<LatencyChart.Series> series) {
    }

    Result run() throws Exception {
        String startedAt = clock.instant().toString();
        log.println("parley bench abuse: " + options.describe());
        long setupStart = System.nanoTime();
        String secret = options.target().secret().orElseThrow();
        List<AttackKind> kinds = options.attacks();
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(options.target().server())
                .requestTimeout(Duration.ofSeconds(30)).build());
             WireClients bystanderWire = new WireClients(options.target().server(), 1, List.of());
             WireClients attackerWire = new WireClients(options.target().server(), 1,
                     List.of(options.attackerAddress()))) {
            ParleyHttp http = client.http();
            AdminProvisioner provisioner = new AdminProvisioner(http, secret, new Random(), log);
            List<BenchUser> pair = provisioner.users(2, "by");
            List<BenchUser> attackers = provisioner.users(2 * kinds.size(), "at");
            List<Long> groupMembers = kinds.contains(AttackKind.GROUP_FLOOD)
                    ? provisioner.users(options.groupSize() - 1, "gm").stream().map(BenchUser::userId).toList()
                    : List.of();
            long chatId = http.openDirect(pair.get(0).token(), pair.get(1).username()).chatId();
            NodeProbe probe = new NodeProbe(options.target().server(), http, secret, options.target().serverPid());
            CpuMeter meter = new CpuMeter(options.target().serverPid());
            List<Measured> results = new ArrayList<>();
            List<LatencyChart.Series> series = new ArrayList<>();
            String nodeDied = null;
            Bystander bystander = new Bystander(bystanderWire, options.target().server(), pair.get(0), pair.get(1),
                    chatId, options.apiEvery(), options.sendEvery());
            BystanderCheck check;
            try {
                bystander.start();
                double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
                for (int i = 0; i < kinds.size() && nodeDied == null; i++) {
                    AttackKind kind = kinds.get(i);
                    BenchUser attacker = attackers.get(2 * i);
                    BenchUser peer = attackers.get(2 * i + 1);
                    long attackChat = http.openDirect(attacker.token(), peer.username()).chatId();
                    Measured result = attack(kind, probe, meter, bystander,
                            setup -> new AttackSetup(setup, attackerWire, attacker, peer, attackChat, groupMembers,
                                    options));
                    results.add(result);
                    series.add(new LatencyChart.Series(kind.wire() + " baseline", result.baselineHistogram()));
                    series.add(new LatencyChart.Series(kind.wire() + " attack", result.attackHistogram()));
                    if (!"alive".equals(result.report().nodeAfter())) {
                        nodeDied = "during " + kind.wire() + ": " + result.report().nodeAfter();
                        log.println("the node died: " + nodeDied + "; stopping here");
                    }
                }
                log.println("stopping the bystander and reading the chat back...");
                check = nodeDied == null
                        ? bystander.finish(DRAIN, (after, limit) -> http.history(pair.get(1).token(), chatId, null,
                                after, limit))
                        : null;
                List<String> failed = new ArrayList<>();
                if (nodeDied != null) {
                    failed.add("the node died " + nodeDied);
                }
                if (check != null) {
                    failed.addAll(check.problems());
                }
                List<AbuseReport.AttackResult> reported = results.stream().map(Measured::report).toList();
                AbuseReport report = new AbuseReport("abuse", options.describe(), startedAt, settings(), setupSeconds,
                        reported, check, nodeDied, Verdict.of(List.of(), failed), notes());
                return new Result(report, series);
            } finally {
                bystander.close();
                probe.close();
            }
        }
    }

    /** A result with the bystander's latency histograms of both phases, for the chart. */
    private record Measured(AbuseReport.AttackResult report, Histogram baselineHistogram,
                            Histogram attackHistogram) {
    }

    /** Settle, baseline, attack, and the node's state around them. */
    private Measured attack(AttackKind kind, NodeProbe probe, CpuMeter meter, Bystander bystander,
                            Function<AttackerNet, AttackSetup> setupOf) throws InterruptedException {
        log.printf("%n== %s: %s%n", kind.wire(), kind.description());
        double settled = settle(bystander);
        NodeMemory.Snapshot before = NodeMemory.Snapshot.of(probe.stats(true));
        PhaseStats baseline = new PhaseStats("baseline");
        PhaseStats.PhaseResult baselineResult = phase(kind, baseline, bystander, meter, null, null);
        AttackerNet net = new AttackerNet(options.target().server(), options.attackerAddress());
        Tally tally = new Tally();
        AttackControl control = new AttackControl(System.nanoTime() + options.phase().toNanos(), options.maxAttempts());
        Attack attack;
        try {
            attack = kind.create(setupOf.apply(net));
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        Thread attacker = Thread.ofPlatform().daemon().name("bench-abuse-" + kind.wire()).start(() -> {
            try {
                attack.run(control, tally);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                tally.failed("the attack stopped on " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
        PhaseStats underAttack = new PhaseStats("attack");
        NodeMemory.Snapshot[] peak = {NodeMemory.Snapshot.UNKNOWN};
        PhaseStats.PhaseResult attackResult = phase(kind, underAttack, bystander, meter, tally,
                s -> peak[0] = peak[0].max(NodeMemory.Snapshot.of(probe.stats(false))));
        control.stop();
        attacker.join(STOP_LIMIT.toMillis());
        if (attacker.isAlive()) {
            attacker.interrupt();
            attacker.join(TimeUnit.SECONDS.toMillis(5));
        }
        NodeMemory.Snapshot after = NodeMemory.Snapshot.of(probe.stats(true));
        attack.release(tally);
        net.close();
        String nodeAfter = probe.dead().orElse("alive");
        AttackOutcome outcome = tally.outcome();
        log.println("attacker: " + outcome.summary());
        return new Measured(new AbuseReport.AttackResult(kind.wire(), kind.description(), baselineResult, attackResult,
                outcome, new NodeMemory(before, peak[0], after), nodeAfter, settled), baseline.ackHistogram(),
                underAttack.ackHistogram());
    }

    /**
     * Waits {@code --settle} seconds, then on until the bystander has had one clean second (acks,
     * none slower than {@value #CLEAN_MILLIS} ms, no error), at most {@code --settle-max} in all, so
     * that an attack's after-effects (work the node still has queued) do not land in the next
     * baseline. Returns the seconds waited.
     */
    private double settle(Bystander bystander) {
        long start = System.nanoTime();
        BoundedWait.hold(options.settle().toSeconds(), s -> { });
        long limit = start + options.settleMax().toNanos();
        while (System.nanoTime() - limit < 0) {
            PhaseStats second = new PhaseStats("settle");
            bystander.measure(second);
            BoundedWait.hold(1, s -> { });
            if (second.acks() > 0 && second.errorCount() == 0
                    && second.ackHistogram().getMaxValue() < TimeUnit.MILLISECONDS.toMicros(CLEAN_MILLIS)) {
                break;
            }
        }
        bystander.measure(new PhaseStats("between"));
        double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        log.printf("settled after %.1f s%n", seconds);
        return seconds;
    }

    /** One phase of {@code --seconds}, with a progress line a second; {@code sample} every few seconds. */
    private PhaseStats.PhaseResult phase(AttackKind kind, PhaseStats stats, Bystander bystander, CpuMeter meter,
                                         Tally tally, LongConsumer sample) {
        CpuMeter.Sample from = meter.sample();
        bystander.measure(stats);
        long[] last = {0};
        BoundedWait.hold(options.phase().toSeconds(), s -> {
            long acks = stats.acks();
            log.printf("%4ds %-18s %-8s bystander acks %5d/s, errors %d%s%n", s, kind.wire(), tally == null
                    ? "baseline" : "attack", acks - last[0], stats.errorCount(), tally == null ? ""
                    : "; attacker accepted " + tally.acceptedCount() + " " + tally.outcome().summary().split(";")[0]);
            last[0] = acks;
            if (sample != null && s % PEAK_EVERY_SECONDS == 0) {
                sample.accept(s);
            }
        });
        PhaseStats.PhaseResult result = stats.result(meter.between(from, meter.sample()));
        bystander.measure(new PhaseStats("between"));
        return result;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = options.target().settings();
        settings.putAll(options.settings());
        return settings;
    }

    private List<String> notes() {
        return List.of("the bystander (two users, one message in flight, at most one every "
                        + options.sendEvery().toMillis() + " ms, GET /api/me every "
                        + options.apiEvery().toMillis() + " ms) connects from the system's default address; every"
                        + " attack comes from " + options.attackerAddress().getHostAddress() + " with fresh accounts",
                "ack latency is from the first try to the ack: a send refused with a retryable code, unanswered for "
                        + Bystander.SEND_TIMEOUT_SECONDS + " s or cut by a closed connection goes again with the same"
                        + " client id, and its wait counts",
                "node memory: before = live set before the baseline (after a full GC); peak = highest sampled every "
                        + PEAK_EVERY_SECONDS + " s during the attack (no GC); after = at the end of the attack, the"
                        + " attacker's connections and sessions still held (after a full GC)",
                "an attacker outcome 'not refused' means the node took every attempt; whether that hurt shows in the"
                        + " bystander's phase and the node's memory");
    }
}
