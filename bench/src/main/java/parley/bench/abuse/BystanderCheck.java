package parley.bench.abuse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessagePage;

/**
 * The bystander's messages over the whole run, checked against the other member's copy of the
 * chat (its history, read at the end): every message sent was acked, and every acked message is
 * stored once, at the seq of its ack.
 *
 * @param sent          messages Alice sent (each counted once, however many times it was retried)
 * @param acked         of those, acked
 * @param abandoned     sent but never acked: refused for good, or still unanswered at the end
 * @param deliveredLive acked messages pushed to Bob's connection while he was connected
 * @param reconnects    times Alice connected again after her connection was closed
 * @param stored        the chat's messages in Bob's history
 * @param lost          acked messages missing from the history, or stored at another seq
 * @param duplicates    messages stored more than once (the same client id at two seqs)
 */
record BystanderCheck(long sent, long acked, long abandoned, long deliveredLive, long reconnects, long stored,
                      long lost, long duplicates) {
    private static final int MAX_PAGES = 10_000;
    private static final int PAGE = 500;

    /** Bob's history after {@code afterSeq}, oldest first. */
    @FunctionalInterface
    interface HistoryReader {
        MessagePage after(long afterSeq, int limit);
    }

    static BystanderCheck of(long sent, Map<UUID, Long> acked, long abandoned, long deliveredLive, long reconnects,
                             HistoryReader history) {
        Map<UUID, Long> stored = new HashMap<>();
        long duplicates = 0;
        long after = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<ChatMessage> messages = history.after(after, PAGE).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (ChatMessage m : messages) {
                if (stored.put(m.clientMsgId(), m.seq()) != null) {
                    duplicates++;
                }
                after = Math.max(after, m.seq());
            }
        }
        long lost = acked.entrySet().stream().filter(e -> !e.getValue().equals(stored.get(e.getKey()))).count();
        return new BystanderCheck(sent, acked.size(), abandoned, deliveredLive, reconnects, stored.size(), lost, duplicates);
    }

    /** What went wrong, in words; empty when every message was acked and none was lost. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (acked < sent) {
            problems.add("the bystander's messages were not all acked: " + acked + " of " + sent + " (" + abandoned
                    + " abandoned)");
        }
        if (lost > 0) {
            problems.add(lost + " acked messages of the bystander are missing from the chat or at another seq");
        }
        if (duplicates > 0) {
            problems.add(duplicates + " messages of the bystander are stored twice");
        }
        return problems;
    }

    String summary() {
        return "bystander: sent " + sent + ", acked " + acked + ", abandoned " + abandoned + "; stored " + stored
                + ", lost " + lost + ", duplicates " + duplicates + "; pushed live to the other member " + deliveredLive
                + "; reconnects " + reconnects;
    }
}
