package parley.bench.abuse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an attack got from the node, counted by answer: <em>accepted</em> (the node did the work:
 * {@code 201}, {@code 401 invalid_credentials} after hashing, an {@code ack}), <em>refused</em>
 * (the node said no or pushed back: {@code 429 rate_limited}, close {@code 1013}, it stopped reading)
 * and <em>failed</em> (no answer at all: a timeout, a refused connect), plus the attack's own facts
 * (bytes written, connections held...). Thread-safe: the attack's workers count into it at once.
 */
final class Tally {
    private final long startNanos = System.nanoTime();
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, Object> facts = new ConcurrentHashMap<>();
    private final AtomicLong firstRefusalNanos = new AtomicLong(-1);

    void accepted(String answer) {
        accepted.computeIfAbsent(answer, k -> new LongAdder()).increment();
    }

    void refused(String answer) {
        refused.computeIfAbsent(answer, k -> new LongAdder()).increment();
        firstRefusalNanos.compareAndSet(-1, System.nanoTime() - startNanos);
    }

    void failed(String why) {
        failed.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    /** An answer sorted by what it means: accepted, refused or failed (see {@link HttpAnswer#kind}). */
    void count(HttpAnswer answer) {
        switch (answer.kind()) {
            case ACCEPTED -> accepted(answer.label());
            case REFUSED -> refused(answer.label());
            case FAILED -> failed(answer.label());
        }
    }

    void fact(String name, Object value) {
        facts.put(name, value);
    }

    long acceptedCount() {
        return sum(accepted);
    }

    AttackOutcome outcome() {
        Map<String, Long> a = snapshot(accepted);
        Map<String, Long> r = snapshot(refused);
        Map<String, Long> f = snapshot(failed);
        long first = firstRefusalNanos.get();
        Double firstSeconds = first < 0 ? null : Math.round(first / 1e7) / 100.0;
        return new AttackOutcome(summary(a, r, f, firstSeconds), !r.isEmpty(), firstSeconds, a, r, f,
                new TreeMap<>(facts));
    }

    private static String summary(Map<String, Long> a, Map<String, Long> r, Map<String, Long> f, Double firstSeconds) {
        StringBuilder s = new StringBuilder();
        if (r.isEmpty()) {
            s.append("not refused");
        } else {
            s.append("refused: ").append(list(r)).append(" (first after ").append(firstSeconds).append(" s)");
        }
        if (!a.isEmpty()) {
            s.append("; accepted: ").append(list(a));
        }
        if (!f.isEmpty()) {
            s.append("; no answer: ").append(list(f));
        }
        return s.toString();
    }

    private static String list(Map<String, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(" x").append(v));
        return s.toString();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return new LinkedHashMap<>(sorted);
    }

    private static long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
