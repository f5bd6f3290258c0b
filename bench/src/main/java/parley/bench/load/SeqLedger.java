package parley.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import parley.protocol.model.ChatMessage;

/**
 * What the members of one chat were given, judged against Parley's promises, in memory per
 * message rather than per delivery (a 1,000-member group gets a thousand deliveries of each
 * message): per member, the highest seq it holds, each new seq having to be exactly the next one
 * (no gap, no reordering); per seq, the client message id it was first seen with and the one it
 * was acked with, which must agree. A seq at or below what a member holds is a redundant copy
 * (a push that crossed a resync), dropped as a client would, counted but not a violation. At the
 * end every member must hold every acked seq.
 *
 * <p>Concurrency: members' readers (network event loops, SDK callback threads) and acks call in
 * from several threads; every method holds the instance lock, so contention is one chat's readers.
 */
public final class SeqLedger implements AckSink {
    private static final int MAX_EXAMPLES = 3;

    /** What a member's copy of a message was. */
    public enum Outcome { NEW, REDUNDANT }

    private final long chatId;
    private final Map<Long, Integer> slots = new HashMap<>();
    private final long[] held;
    private final Map<Long, UUID> seenBySeq = new HashMap<>();
    private final Map<Long, UUID> ackedBySeq = new HashMap<>();
    private final ChatVerdict.Builder problems;
    private long lastAcked;
    private long redundant;

    public SeqLedger(long chatId, List<Long> members) {
        this.chatId = chatId;
        this.held = new long[members.size()];
        for (long member : members) {
            slots.put(member, slots.size());
        }
        this.problems = new ChatVerdict.Builder(chatId, MAX_EXAMPLES);
    }

    public long chatId() {
        return chatId;
    }

    /** A member's reader got a message of this chat (from a push, a sync page or a history page). */
    public synchronized Outcome accept(long memberId, ChatMessage message) {
        Integer slot = slots.get(memberId);
        if (slot == null) {
            problems.order("user " + memberId + ", not a member, got seq " + message.seq());
            return Outcome.REDUNDANT;
        }
        long seq = message.seq();
        if (seq <= held[slot]) {
            redundant++;
            return Outcome.REDUNDANT;
        }
        if (seq != held[slot] + 1) {
            problems.gap("user " + memberId + " got seq " + seq + " after " + held[slot]);
        }
        held[slot] = seq;
        UUID first = seenBySeq.putIfAbsent(seq, message.clientMsgId());
        if (first != null && !Objects.equals(first, message.clientMsgId())) {
            problems.duplicate("seq " + seq + " seen as two messages, " + first + " and " + message.clientMsgId());
        }
        UUID acked = ackedBySeq.get(seq);
        if (acked != null && !acked.equals(message.clientMsgId())) {
            problems.seqMismatch("seq " + seq + " acked for " + acked + " reached user " + memberId + " as "
                    + message.clientMsgId());
        }
        return Outcome.NEW;
    }

    @Override
    public synchronized void acked(UUID clientMsgId, long senderId, long seq) {
        UUID holder = ackedBySeq.putIfAbsent(seq, clientMsgId);
        if (holder != null && !holder.equals(clientMsgId)) {
            problems.duplicate("seq " + seq + " acked for two messages, " + holder + " and " + clientMsgId);
        }
        UUID seen = seenBySeq.get(seq);
        if (seen != null && !seen.equals(clientMsgId)) {
            problems.seqMismatch("message " + clientMsgId + " acked as seq " + seq + " but members got " + seen
                    + " there");
        }
        lastAcked = Math.max(lastAcked, seq);
    }

    /** The highest seq a member holds. */
    public synchronized long held(long memberId) {
        Integer slot = slots.get(memberId);
        return slot == null ? 0 : held[slot];
    }

    /** Seqs up to the highest acked one that some member does not hold yet, summed over members. */
    public synchronized long missing() {
        long missing = 0;
        for (long h : held) {
            missing += Math.max(0, lastAcked - h);
        }
        return missing;
    }

    public synchronized long redundantCopies() {
        return redundant;
    }

    public synchronized long lastAcked() {
        return lastAcked;
    }

    /** Judges the chat as it stands. */
    public synchronized ChatVerdict verdict() {
        ChatVerdict.Builder result = problems.copy();
        for (Map.Entry<Long, Integer> member : slots.entrySet()) {
            long h = held[member.getValue()];
            for (long n = h; n < lastAcked; n++) {
                result.undelivered("user " + member.getKey() + " never got seq " + (n + 1));
            }
            if (h < lastAcked) {
                result.behind("user " + member.getKey() + " holds up to seq " + h + " of " + lastAcked + " acked");
            }
        }
        return result.build(ackedBySeq.size());
    }
}
