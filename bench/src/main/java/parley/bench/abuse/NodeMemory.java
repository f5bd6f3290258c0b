package parley.bench.abuse;

import java.util.Optional;
import parley.protocol.api.ServerStats;

/**
 * The node's memory around one attack, from its self-report: before the baseline (after a full
 * collection: the live set), the highest seen during the attack (sampled every few seconds,
 * without collecting), and at the end of the attack while the attacker still held what it had
 * opened (after a full collection). A snapshot the node did not give is all nulls.
 */
record NodeMemory(Snapshot before, Snapshot peak, Snapshot after) {

    /** Mebibytes and counts; null where unknown. */
    record Snapshot(Long heapMiB, Long directMiB, Long residentMiB, Integer sessions, Integer threads) {
        static final Snapshot UNKNOWN = new Snapshot(null, null, null, null, null);

        static Snapshot of(Optional<ServerStats> stats) {
            return stats.map(s -> new Snapshot(mib(s.heapUsedBytes()), mib(s.directBytes()), mib(s.residentBytes()),
                    s.sessions(), s.threads())).orElse(UNKNOWN);
        }

        /** The larger of each figure. */
        Snapshot max(Snapshot o) {
            return new Snapshot(max(heapMiB, o.heapMiB), max(directMiB, o.directMiB), max(residentMiB, o.residentMiB),
                    max(sessions, o.sessions), max(threads, o.threads));
        }

        private static Long max(Long a, Long b) {
            return a == null ? b : b == null ? a : Math.max(a, b);
        }

        private static Integer max(Integer a, Integer b) {
            return a == null ? b : b == null ? a : Math.max(a, b);
        }

        private static Long mib(long bytes) {
            return bytes < 0 ? null : bytes / (1024 * 1024);
        }
    }
}
