package parley.bench.idle;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import parley.bench.load.AdminProvisioner;
import parley.bench.load.BenchUser;
import parley.bench.load.BoundedWait;
import parley.bench.load.CpuMeter;
import parley.bench.load.LatencySummary;
import parley.bench.load.Verdict;
import parley.bench.report.LatencyChart;
import parley.bench.report.LatencyRow;
import parley.bench.report.ScenarioReport;
import parley.bench.wire.WireClients;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.http.ParleyHttp;
import parley.protocol.api.ServerStats;

/**
 * Idle connections: C users, each with one WebSocket that only heartbeats. Opens them (bounded
 * rate, bounded upgrades in flight), holds them, and reads the server's own report of its memory
 * before and after (after a full collection each time, so the heap figure is the live set): the
 * server's memory per connection is the difference over C. The verdict: every connection came up,
 * none dropped while held, every one had its heartbeats answered, and the server counted them all
 * and let them all go at the end.
 */
public final class IdleScenario {
    private static final Duration RELEASE_LIMIT = Duration.ofSeconds(60);

    private final IdleOptions options;
    private final Clock clock;
    private final PrintStream log;

    IdleScenario(IdleOptions options, Clock clock, PrintStream log) {
        this.options = options;
        this.clock = clock;
        this.log = log;
    }

    record Result(ScenarioReport report, List<LatencyChart.Series> series) {
    }

    Result run() throws Exception {
        String startedAt = clock.instant().toString();
        log.println("parley bench idle: " + options.describe());
        long setupStart = System.nanoTime();
        String secret = options.target().secret().orElseThrow();
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(options.target().server())
                .requestTimeout(Duration.ofSeconds(120)).build());
             WireClients wire = options.target().wireClients()) {
            ParleyHttp http = client.http();
            List<BenchUser> users = new AdminProvisioner(http, secret, new Random(), log).users(options.connections(), "i");
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            ServerStats base = http.serverStats(secret, true);
            CpuMeter meter = new CpuMeter(options.target().serverPid());
            CpuMeter.Sample from = meter.sample();
            List<String> failed = new ArrayList<>();
            IdleFleet fleet = new IdleFleet(wire);
            try {
                long rampStart = System.nanoTime();
                Thread opener = Thread.ofPlatform().name("bench-idle-opener").start(() -> {
                    try {
                        fleet.open(users, options.rampRate(), options.maxOpening());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                boolean settled = BoundedWait.until(() -> fleet.settled(users.size()), options.limit(),
                        s -> log.printf("%4ds opening: started %d of %d, ready %d, failed %d; server %s%n", s,
                                fleet.started(), users.size(), fleet.ready(), fleet.failed(), brief(http, secret)));
                opener.interrupt();
                opener.join(5_000);
                double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
                if (!settled) {
                    failed.add("only " + fleet.ready() + " of " + users.size() + " connections came up within "
                            + options.limit().toSeconds() + " s");
                }
                if (fleet.failed() > 0) {
                    failed.add(fleet.failed() + " connections failed to open, e.g. " + fleet.failures());
                }
                long droppedBefore = fleet.dropped();
                if (droppedBefore > 0) {
                    failed.add(droppedBefore + " connections dropped after coming up, before all were open");
                }
                long pongsBefore = fleet.pongs();
                long[] lastPongs = {pongsBefore};
                BoundedWait.hold(options.hold().toSeconds(), s -> {
                    long pongs = fleet.pongs();
                    log.printf("%4ds holding: up %d, dropped %d, heartbeats answered %d/s; server %s%n", s,
                            fleet.ready() - fleet.dropped(), fleet.dropped(), pongs - lastPongs[0], brief(http, secret));
                    lastPongs[0] = pongs;
                });
                long dropped = fleet.dropped() - droppedBefore;
                long pongs = fleet.pongs() - pongsBefore;
                ServerStats held = http.serverStats(secret, true);
                CpuMeter.Usage cpu = meter.between(from, meter.sample());
                long up = fleet.ready() - fleet.dropped();
                if (dropped > 0) {
                    failed.add(dropped + " connections dropped while held");
                }
                long silent = fleet.withoutPong();
                if (options.hold().toSeconds() >= 2L * 5 && silent > 0) {
                    failed.add(silent + " connections had no heartbeat answered while held");
                }
                if (held.sessions() - base.sessions() < up) {
                    failed.add("the server counts " + (held.sessions() - base.sessions()) + " new sessions for " + up
                            + " open connections");
                }
                fleet.close();
                boolean released = BoundedWait.until(() -> http.serverStats(secret, false).sessions() <= base.sessions(),
                        RELEASE_LIMIT, s -> { });
                if (!released) {
                    failed.add("the server still held sessions " + RELEASE_LIMIT.toSeconds() + " s after the tool closed"
                            + " its connections");
                }
                Histogram connect = fleet.connectMicros().getIntervalHistogram();
                Map<String, Object> figures = figures(base, held, up, rampSeconds, dropped, pongs);
                figures.put("dropped after coming up, while others opened", droppedBefore);
                Map<String, Object> settings = options.target().settings();
                settings.putAll(options.settings());
                List<String> notes = List.of("checked: every connection came up, none dropped while held, each had"
                        + " its heartbeats answered (holds of 10 s or more), the server counted them all and let them"
                        + " all go at the end", "memory per connection is the server's growth (after a full collection,"
                        + " before and after) divided by the connections held; the resident size also holds what the"
                        + " JVM keeps for its heap, so it moves in steps");
                ScenarioReport report = new ScenarioReport("idle", options.describe(), startedAt, settings, setupSeconds,
                        List.of(new LatencyRow("connect (open -> ready)", connect.getTotalCount(),
                                connect.getTotalCount() / rampSeconds, LatencySummary.of(connect))),
                        figures, notes, Verdict.of(List.of(), failed), cpu);
                return new Result(report, List.of(new LatencyChart.Series("connect (open -> ready)", connect)));
            } finally {
                fleet.close();
            }
        }
    }

    private static Map<String, Object> figures(ServerStats base, ServerStats held, long up, double rampSeconds,
                                               long dropped, long pongs) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double n = Math.max(1, up);
        figures.put("connections held", up);
        figures.put("connections opened per second", up / rampSeconds);
        figures.put("dropped while held", dropped);
        figures.put("heartbeats answered while held", pongs);
        figures.put("server sessions (before -> held)", base.sessions() + " -> " + held.sessions());
        figures.put("server resident MiB (before -> held)", mib(base.residentBytes()) + " -> " + mib(held.residentBytes()));
        figures.put("server live heap MiB (before -> held)", mib(base.heapUsedBytes()) + " -> " + mib(held.heapUsedBytes()));
        figures.put("server direct MiB (before -> held)", mib(base.directBytes()) + " -> " + mib(held.directBytes()));
        figures.put("server resident bytes per connection", (held.residentBytes() - base.residentBytes()) / n);
        figures.put("server live heap bytes per connection", (held.heapUsedBytes() - base.heapUsedBytes()) / n);
        figures.put("server direct bytes per connection", (held.directBytes() - base.directBytes()) / n);
        figures.put("server threads (before -> held)", base.threads() + " -> " + held.threads());
        return figures;
    }

    private static String brief(ParleyHttp http, String secret) {
        try {
            ServerStats s = http.serverStats(secret, false);
            return s.sessions() + " sessions, " + mib(s.residentBytes()) + " MiB resident, " + mib(s.heapUsedBytes())
                    + " MiB heap";
        } catch (RuntimeException e) {
            return "did not answer its self-report (" + e.getMessage() + ")";
        }
    }

    private static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024 * 1024);
    }
}
