package parley.bench.load;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import parley.client.connection.ParleyConnection;
import parley.client.outbox.OutboxFullException;
import parley.protocol.frame.ServerFrame;

/**
 * One sender in one chat: the unit the drivers pace. {@link #send} hands a message to the SDK
 * (which returns at once) and, when the ack or the error comes back on the connection's callback
 * thread, records it and tells the driver through {@code answered}. Thread-safe: it keeps no state
 * of its own beyond its collaborators, which are.
 */
public final class Lane {
    /** Told on the sender's callback thread when a send of this lane got its answer. */
    @FunctionalInterface
    public interface Answered {
        void answered(Lane lane);
    }

    private final long chatId;
    private final long senderId;
    private final ParleyConnection connection;
    private final AckSink ledger;
    private final SentMessages sent;
    private final RunRecorder recorder;
    private final String text;

    public Lane(long chatId, long senderId, ParleyConnection connection, AckSink ledger, SentMessages sent,
         RunRecorder recorder, String text) {
        this.chatId = chatId;
        this.senderId = senderId;
        this.connection = connection;
        this.ledger = ledger;
        this.sent = sent;
        this.recorder = recorder;
        this.text = text;
    }

    /**
     * Sends one message meant to go at {@code intendedNanos}.
     *
     * @return false when the SDK refused it at once (its outbox is full, or it is closed)
     */
    boolean send(long intendedNanos, Answered answered) {
        UUID id = SentMessages.newId();
        sent.add(id, intendedNanos);
        CompletableFuture<ServerFrame.Ack> ack;
        try {
            ack = connection.send(chatId, id, text);
        } catch (OutboxFullException full) {
            recorder.refused();
            return false;
        } catch (IllegalStateException closed) {
            recorder.refused();
            return false;
        }
        recorder.sent(intendedNanos);
        ack.whenComplete((frame, error) -> {
            if (error != null) {
                recorder.failed();
            } else {
                ledger.acked(id, senderId, frame.seq());
                recorder.acked(intendedNanos);
            }
            answered.answered(this);
        });
        return true;
    }
}
