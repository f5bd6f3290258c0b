package parley.bench.report;

import parley.bench.load.LatencySummary;

/**
 * One line of a scenario's latency table: what was timed, how many, how many per second over the
 * measured window (0 when a rate means nothing, e.g. connection set-ups), and the distribution.
 */
public record LatencyRow(String name, long count, double perSecond, LatencySummary latency) {
}
