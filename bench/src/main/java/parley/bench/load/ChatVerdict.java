package parley.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The correctness findings for one chat: counts of each kind of violation, and a few examples.
 *
 * @param duplicates   a seq seen twice by one member, one seq acked for two messages, or one message
 *                     seen under two seqs
 * @param gaps         a member saw a seq skip ahead (a missing message)
 * @param order        other order violations (a message for a non-member)
 * @param undelivered  acked messages another member never got
 * @param seqMismatches a message that reached a member under another seq than its ack's
 * @param behind       members whose view ends before the chat's highest acked seq
 * @param acked        messages acked in this chat
 */
public record ChatVerdict(long chatId, long duplicates, long gaps, long order, long undelivered, long seqMismatches,
                          long behind, long acked, List<String> examples) {

    public ChatVerdict {
        examples = List.copyOf(examples);
    }

    public long violations() {
        return duplicates + gaps + order + undelivered + seqMismatches + behind;
    }

    /** Collects findings; not thread-safe (the ledger holds its lock around it). */
    public static final class Builder {
        private final long chatId;
        private final int maxExamples;
        private final List<String> examples = new ArrayList<>();
        private long duplicates;
        private long gaps;
        private long order;
        private long undelivered;
        private long seqMismatches;
        private long behind;

        public Builder(long chatId, int maxExamples) {
            this.chatId = chatId;
            this.maxExamples = maxExamples;
        }

        public void duplicate(String example) {
            duplicates++;
            example(example);
        }

        public void gap(String example) {
            gaps++;
            example(example);
        }

        public void order(String example) {
            order++;
            example(example);
        }

        public void undelivered(String example) {
            undelivered++;
            example(example);
        }

        public void seqMismatch(String example) {
            seqMismatches++;
            example(example);
        }

        public void behind(String example) {
            behind++;
            example(example);
        }

        public Builder copy() {
            Builder copy = new Builder(chatId, maxExamples);
            copy.examples.addAll(examples);
            copy.duplicates = duplicates;
            copy.gaps = gaps;
            copy.order = order;
            copy.undelivered = undelivered;
            copy.seqMismatches = seqMismatches;
            copy.behind = behind;
            return copy;
        }

        public ChatVerdict build(long acked) {
            return new ChatVerdict(chatId, duplicates, gaps, order, undelivered, seqMismatches, behind, acked, examples);
        }

        private void example(String text) {
            if (examples.size() < maxExamples) {
                examples.add("chat " + chatId + ": " + text);
            }
        }
    }
}
