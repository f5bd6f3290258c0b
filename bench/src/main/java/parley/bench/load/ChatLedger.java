package parley.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import parley.protocol.model.ChatMessage;

/**
 * What one chat's members were told, kept to judge Parley's promises at the end of a run: per
 * member, every seq exactly once, in ascending order, with no gap (the chat is new, so from 1); and
 * every acked message reached every other member with the seq of its ack.
 *
 * <p>Concurrency: acks come on the sender's callback thread, messages on each member's; every
 * method holds the instance lock. Contention is one chat's two or three threads.
 */
final class ChatLedger implements AckSink {
    /** Examples kept per chat; the counts are exact. */
    private static final int MAX_EXAMPLES = 3;

    private final long chatId;
    private final List<Long> members;
    private final Map<Long, MemberView> views = new HashMap<>();
    /** clientMsgId to the ack's seq, and its sender. */
    private final Map<UUID, Ack> acks = new HashMap<>();
    private final Map<Long, UUID> ackedSeqs = new HashMap<>();
    private final ChatVerdict.Builder problems;

    private record Ack(long senderId, long seq) {
    }

    /** One member's view: the next seq it should see and what it saw. */
    private static final class MemberView {
        long next = 1;
        final Map<UUID, Long> seen = new HashMap<>();
    }

    ChatLedger(long chatId, List<Long> members) {
        this.chatId = chatId;
        this.members = List.copyOf(members);
        for (long member : members) {
            views.put(member, new MemberView());
        }
        this.problems = new ChatVerdict.Builder(chatId, MAX_EXAMPLES);
    }

    long chatId() {
        return chatId;
    }

    /** The server acked a send of {@code senderId}. */
    @Override
    public synchronized void acked(UUID clientMsgId, long senderId, long seq) {
        Ack previous = acks.putIfAbsent(clientMsgId, new Ack(senderId, seq));
        if (previous != null && previous.seq() != seq) {
            problems.seqMismatch("message " + clientMsgId + " acked with seq " + previous.seq() + " and again with " + seq);
        }
        UUID holder = ackedSeqs.putIfAbsent(seq, clientMsgId);
        if (holder != null && !holder.equals(clientMsgId)) {
            problems.duplicate("seq " + seq + " acked for two messages, " + holder + " and " + clientMsgId);
        }
    }

    /**
     * A member's listener got a message of this chat.
     *
     * @return whether this member sees this message for the first time
     */
    synchronized boolean seen(long memberId, ChatMessage message) {
        MemberView view = views.get(memberId);
        if (view == null) {
            problems.order("user " + memberId + ", not a member, got seq " + message.seq());
            return false;
        }
        Long before = view.seen.putIfAbsent(message.clientMsgId(), message.seq());
        long seq = message.seq();
        if (seq == view.next) {
            view.next++;
        } else if (seq < view.next) {
            problems.duplicate("user " + memberId + " got seq " + seq + " again (expected " + view.next + ")");
        } else {
            problems.gap("user " + memberId + " got seq " + seq + " after " + (view.next - 1));
            view.next = seq + 1;
        }
        if (before != null && before != seq) {
            problems.duplicate("user " + memberId + " got message " + message.clientMsgId() + " as seq " + before
                    + " and as seq " + seq);
        }
        return before == null;
    }

    /** Sends acked so far. */
    synchronized int ackedCount() {
        return acks.size();
    }

    /** Acked messages some other member has not seen yet (the end-of-run wait polls this). */
    synchronized int undelivered() {
        int missing = 0;
        for (Map.Entry<UUID, Ack> ack : acks.entrySet()) {
            for (long member : members) {
                if (member != ack.getValue().senderId() && !views.get(member).seen.containsKey(ack.getKey())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** Judges the chat as it stands. */
    synchronized ChatVerdict verdict() {
        ChatVerdict.Builder result = problems.copy();
        long lastAcked = ackedSeqs.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (Map.Entry<UUID, Ack> ack : acks.entrySet()) {
            for (long member : members) {
                if (member == ack.getValue().senderId()) {
                    continue;
                }
                Long seen = views.get(member).seen.get(ack.getKey());
                if (seen == null) {
                    result.undelivered("user " + member + " never got seq " + ack.getValue().seq());
                } else if (seen != ack.getValue().seq()) {
                    result.seqMismatch("message acked as seq " + ack.getValue().seq() + " reached user " + member
                            + " as seq " + seen);
                }
            }
        }
        for (long member : members) {
            long seenUpTo = views.get(member).next - 1;
            if (seenUpTo < lastAcked) {
                result.behind("user " + member + " saw up to seq " + seenUpTo + " of " + lastAcked + " acked");
            }
        }
        return result.build(acks.size());
    }
}
