package parley.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.bench.load.CpuMeter;
import parley.bench.load.Verdict;

/**
 * The result of a scenario run (all but one-on-one, which has its own), as written to the JSON file
 * and shown as a table: the settings, the timed latencies, the scenario's own figures (rates,
 * memory, durations; named, in the order they are shown), notes for the reader, and the
 * correctness verdict.
 *
 * @param setupSeconds provisioning users and chats, before anything was measured
 * @param cpu          CPU use over the measured part, or null when it was not measured
 */
public record ScenarioReport(String scenario, String description, String startedAt, Map<String, Object> settings,
                             double setupSeconds, List<LatencyRow> latencies, Map<String, Object> figures,
                             List<String> notes, Verdict verdict, CpuMeter.Usage cpu) {

    public ScenarioReport {
        settings = new LinkedHashMap<>(settings);
        latencies = List.copyOf(latencies);
        figures = new LinkedHashMap<>(figures);
        notes = List.copyOf(notes);
    }
}
