package parley.bench.fanout;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import parley.bench.load.RunRecorder;
import parley.bench.load.SentMessages;
import parley.protocol.model.ChatMessage;

/**
 * Counts each message's deliveries to the other members of its group: every one is a delivery
 * (timed from the message's intended send time), and the one that completes the group is the
 * send-to-last-delivery time. Holds an entry only while a message is partly delivered.
 * Thread-safe: called from every reader's thread.
 */
final class FanoutTracker {
    private final SentMessages sent;
    private final RunRecorder recorder;
    private final int recipients;
    private final Map<UUID, AtomicInteger> remaining = new ConcurrentHashMap<>();

    /** @param recipients deliveries that complete a message: the group's members but its sender */
    FanoutTracker(SentMessages sent, RunRecorder recorder, int recipients) {
        this.sent = sent;
        this.recorder = recorder;
        this.recipients = recipients;
    }

    /** A member got, for the first time, a message another member sent. */
    void delivered(ChatMessage message) {
        Long intended = sent.intended(message.clientMsgId());
        if (intended == null) {
            return; // not sent by this run (a system message)
        }
        recorder.delivered(intended);
        AtomicInteger left = remaining.computeIfAbsent(message.clientMsgId(), id -> new AtomicInteger(recipients));
        if (left.decrementAndGet() == 0) {
            remaining.remove(message.clientMsgId());
            recorder.completed(intended);
        }
    }

    /** Messages some recipient has not got yet. */
    int partlyDelivered() {
        return remaining.size();
    }
}
