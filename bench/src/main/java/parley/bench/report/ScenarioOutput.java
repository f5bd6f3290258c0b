package parley.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import parley.bench.load.CpuMeter;
import parley.bench.load.LatencySummary;

/**
 * What a run leaves behind: the table on the terminal, the JSON file, and the latency chart (an
 * SVG next to the JSON: {@code result.json} gets {@code result-latency.svg}).
 */
public final class ScenarioOutput {
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final LatencyChart chart = new LatencyChart();

    /** Where the chart of the result {@code jsonFile} goes. */
    public static Path chartPath(Path jsonFile) {
        String name = jsonFile.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return jsonFile.resolveSibling(stem + "-latency.svg");
    }

    /** Prints the table, writes the JSON and the chart, and says where they are. */
    public void emit(ScenarioReport report, List<LatencyChart.Series> series, Path out, PrintStream terminal)
            throws IOException {
        table(report, terminal);
        writeJson(report, out);
        Path svg = writeChart(report.scenario() + ": " + report.description(), series, out);
        terminal.println("wrote " + out.toAbsolutePath() + " and " + svg.toAbsolutePath());
    }

    public void writeJson(Object report, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(out.toFile(), report);
    }

    /** Writes the chart next to {@code out}; returns its path. */
    public Path writeChart(String title, List<LatencyChart.Series> series, Path out) throws IOException {
        Path svg = chartPath(out.toAbsolutePath());
        Files.createDirectories(svg.getParent());
        Files.writeString(svg, chart.svg(title, series), StandardCharsets.UTF_8);
        return svg;
    }

    public void table(ScenarioReport r, PrintStream out) {
        out.println();
        out.println("Parley bench " + r.scenario() + ": " + r.description());
        out.printf(Locale.ROOT, "server %s; set-up took %.1f s%n", r.settings().get("server"), r.setupSeconds());
        if (!r.latencies().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-26s %10s %10s %9s %9s %9s %9s %9s %9s%n", "", "count", "per s", "mean ms",
                    "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
            for (LatencyRow row : r.latencies()) {
                LatencySummary l = row.latency();
                out.printf(Locale.ROOT, "%-26s %10d %10.0f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", row.name(),
                        row.count(), row.perSecond(), l.meanMs(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs());
            }
        }
        out.println();
        for (Map.Entry<String, Object> figure : r.figures().entrySet()) {
            out.printf(Locale.ROOT, "%-38s %s%n", figure.getKey(), format(figure.getValue()));
        }
        CpuMeter.Usage cpu = r.cpu();
        if (cpu != null) {
            out.printf(Locale.ROOT, "cpu over the measured part, in cores of %d: load tool %.2f%s%s; tool GC %d ms%n",
                    cpu.cores(), cpu.toolCores(),
                    cpu.serverCores() == null ? "" : String.format(Locale.ROOT, ", server %.2f", cpu.serverCores()),
                    cpu.machineBusyCores() == null ? "" : String.format(Locale.ROOT, ", whole machine %.2f",
                            cpu.machineBusyCores()), cpu.toolGcMillis());
        }
        r.notes().forEach(note -> out.println("note: " + note));
        out.println("verdict: " + r.verdict().summary());
        r.verdict().examples().forEach(e -> out.println("  " + e));
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return String.valueOf(value);
    }
}
