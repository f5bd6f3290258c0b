package parley.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shows a {@link BenchReport} as a table on the terminal and writes it as JSON. */
final class ReportWriter {
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    void table(BenchReport r, PrintStream out) {
        out.println();
        out.println("Parley bench " + r.scenario() + ": " + r.description());
        out.printf("server %s; measured %.1f s; provisioning took %.1f s%n", r.settings().server(), r.measuredSeconds(),
                r.provisionSeconds());
        out.println();
        out.printf("%-16s %10s %10s %9s %9s %9s %9s %9s %9s%n", "", "count", "msg/s", "mean ms", "p50 ms", "p90 ms",
                "p99 ms", "p99.9 ms", "max ms");
        row(out, "send -> ack", r.ackLatency(), r.throughput().ackedPerSecond());
        row(out, "send -> deliver", r.deliverLatency(), r.throughput().deliveredPerSecond());
        out.printf("%-16s %10d %10.0f%s%n", "offered (sent)", r.counts().sentInWindow(), r.throughput().sentPerSecond(),
                r.settings().rate() == null ? "" : "   (target " + r.settings().rate() + " msg/s"
                        + (r.pacerBehind() > 0 ? "; the tool fell " + r.pacerBehind() + " sends behind it)" : ")"));
        out.println();
        RunRecorder.Counts c = r.counts();
        out.printf("whole run: sent %d, acked %d, delivered %d, failed %d, refused by the SDK outbox %d, server errors %d,"
                + " reconnects %d%n", c.sent(), c.acked(), c.delivered(), c.failed(), c.refused(), c.serverErrors(),
                c.reconnects());
        out.printf("end-of-run wait %.1f s: %d sends unanswered, %d acked messages undelivered%n", r.drainSeconds(),
                r.unackedAtEnd(), r.undeliveredAtEnd());
        CpuMeter.Usage cpu = r.cpu();
        out.printf("cpu over the window, in cores of %d: load tool %.2f%s%s; tool GC %d ms%n", cpu.cores(),
                cpu.toolCores(), cpu.serverCores() == null ? "" : String.format(", server %.2f", cpu.serverCores()),
                cpu.machineBusyCores() == null ? "" : String.format(", whole machine %.2f", cpu.machineBusyCores()),
                cpu.toolGcMillis());
        out.println("verdict: " + r.verdict().summary());
        r.verdict().examples().forEach(e -> out.println("  " + e));
    }

    void json(BenchReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(file.toFile(), report);
    }

    private static void row(PrintStream out, String name, LatencySummary l, double perSecond) {
        out.printf("%-16s %10d %10.0f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", name, l.count(), perSecond, l.meanMs(),
                l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs());
    }
}
