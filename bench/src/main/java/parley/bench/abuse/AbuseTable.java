package parley.bench.abuse;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import parley.bench.load.CpuMeter;

/** Shows an {@link AbuseReport} on the terminal: per attack, its two phases side by side, the attacker's outcome and the node's memory. */
final class AbuseTable {
    private static final String ROW = "%-18s %-8s %8s %8s %8s %9s %9s %5s %5s  %s%n";

    void print(AbuseReport r, PrintStream out) {
        out.println();
        out.println("Parley bench " + r.scenario() + ": " + r.description());
        out.printf(Locale.ROOT, "server %s; set-up took %.1f s%n%n", r.settings().get("server"), r.setupSeconds());
        out.printf(Locale.ROOT, ROW, "attack", "phase", "acks/s", "p50 ms", "p99 ms", "max ms", "api p99", "node", "busy",
                "bystander errors");
        for (AbuseReport.AttackResult a : r.attacks()) {
            phase(out, a.attack(), a.baseline());
            phase(out, "", a.underAttack());
            out.println("  attacker: " + a.attacker().summary());
            if (!a.attacker().facts().isEmpty()) {
                out.println("  attack:   " + a.attacker().facts().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
            }
            out.println("  node:     " + memory(a.node()) + "; " + a.nodeAfter() + "; waited "
                    + a.settleSeconds() + " s before the baseline for the bystander to be served cleanly");
        }
        out.println("(acks/s and latencies: the bystander's; api: its GET /api/me; node and busy: cores used by the"
                + " node (with --server-pid) and by the whole machine)");
        out.println();
        if (r.nodeDied() != null) {
            out.println("THE NODE DIED " + r.nodeDied());
        }
        if (r.bystander() != null) {
            out.println(r.bystander().summary());
        }
        r.notes().forEach(note -> out.println("note: " + note));
        out.println("verdict: " + r.verdict().summary());
    }

    private static void phase(PrintStream out, String attack, PhaseStats.PhaseResult p) {
        CpuMeter.Usage cpu = p.cpu();
        String busy = cpu == null || cpu.machineBusyCores() == null ? "-"
                : String.format(Locale.ROOT, "%.2f", cpu.machineBusyCores());
        String node = cpu == null || cpu.serverCores() == null ? "-"
                : String.format(Locale.ROOT, "%.2f", cpu.serverCores());
        out.printf(Locale.ROOT, ROW, attack, p.phase(), String.format(Locale.ROOT, "%.1f", p.acksPerSecond()),
                ms(p.ack().p50Ms()), ms(p.ack().p99Ms()), ms(p.ack().maxMs()),
                p.api().count() == 0 ? "-" : ms(p.api().p99Ms()), node, busy, errors(p.errors()));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    private static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "-";
        }
        return errors.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String memory(NodeMemory m) {
        return "heap MiB " + m.before().heapMiB() + " -> " + m.after().heapMiB() + " (peak " + m.peak().heapMiB()
                + "), direct MiB " + m.before().directMiB() + " -> " + m.after().directMiB() + " (peak "
                + m.peak().directMiB() + "), resident MiB " + m.before().residentMiB() + " -> " + m.after().residentMiB()
                + " (peak " + m.peak().residentMiB() + "), sessions " + m.before().sessions() + " -> "
                + m.after().sessions() + ", threads " + m.before().threads() + " -> " + m.after().threads();
    }
}
