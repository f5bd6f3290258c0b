package parley.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's correctness verdict over all chats: it passes when no chat has a violation (see
 * {@link ChatVerdict}) and every other check of the scenario held (e.g. "every connection stayed
 * up"). Sends that failed or were refused are reported beside it but do not fail it: Parley may
 * refuse work ({@code overloaded}); it may not lose or reorder what it acked.
 *
 * @param failedChecks the scenario's own checks that did not hold, in words
 * @param examples     the first few violations, across chats
 */
public record Verdict(boolean pass, int chats, long ackedMessages, long duplicates, long gaps, long order,
                      long undelivered, long seqMismatches, long behind, List<String> failedChecks,
                      List<String> examples) {
    private static final int MAX_EXAMPLES = 10;

    public Verdict {
        failedChecks = List.copyOf(failedChecks);
        examples = List.copyOf(examples);
    }

    public static Verdict of(List<ChatVerdict> chats) {
        return of(chats, List.of());
    }

    /** The chats' findings and the scenario's failed checks (empty when all held). */
    public static Verdict of(List<ChatVerdict> chats, List<String> failedChecks) {
        long acked = 0;
        long duplicates = 0;
        long gaps = 0;
        long order = 0;
        long undelivered = 0;
        long mismatches = 0;
        long behind = 0;
        List<String> examples = new ArrayList<>();
        for (ChatVerdict chat : chats) {
            acked += chat.acked();
            duplicates += chat.duplicates();
            gaps += chat.gaps();
            order += chat.order();
            undelivered += chat.undelivered();
            mismatches += chat.seqMismatches();
            behind += chat.behind();
            for (String example : chat.examples()) {
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(example);
                }
            }
        }
        boolean pass = duplicates + gaps + order + undelivered + mismatches + behind == 0 && failedChecks.isEmpty();
        return new Verdict(pass, chats.size(), acked, duplicates, gaps, order, undelivered, mismatches, behind,
                failedChecks, examples);
    }

    /** One line for the terminal. */
    public String summary() {
        String checks = failedChecks.isEmpty() ? "" : "; failed checks: " + String.join("; ", failedChecks);
        if (chats == 0) {
            return pass ? "PASS: every check of the scenario held" : "FAIL" + checks;
        }
        if (pass) {
            return "PASS: " + chats + " chats, " + ackedMessages + " acked messages; per member every seq exactly once, "
                    + "in order, no gap; every acked message delivered to every member with its seq";
        }
        return "FAIL: " + chats + " chats, " + ackedMessages + " acked messages; duplicates " + duplicates + ", gaps "
                + gaps + ", order " + order + ", undelivered " + undelivered + ", seq mismatches " + seqMismatches
                + ", members behind " + behind + checks;
    }
}
