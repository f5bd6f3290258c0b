package parley.bench.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Recorder;
import parley.bench.load.AckSink;
import parley.bench.load.SentMessages;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * A member that writes into one chat over a raw session: {@link #send} sends a batch of messages
 * with at most {@code window} awaiting their ack, records each ack in the chat's {@link AckSink}
 * and its latency (microseconds) in a {@link Recorder}, and completes when every message of the
 * batch is answered. Used to fill chats before a measurement, and by the storm's writers.
 *
 * <p>Concurrency: {@link #send} is called from the scenario's thread, acks arrive on the session's
 * event loop; every method that touches the batch holds the instance lock.
 */
public final class WireSender implements WireListener {
    private final long chatId;
    private final long senderId;
    private final AckSink acks;
    private final Recorder latency;
    private final String text;
    private final int window;
    private final CompletableFuture<ServerFrame.Ready> ready = new CompletableFuture<>();
    private final Map<UUID, Long> inFlight = new HashMap<>();
    private WireSession session;
    private int toSend;
    private long failed;
    private String lastTrouble = "none";
    private CompletableFuture<Void> batch = CompletableFuture.completedFuture(null);

    public WireSender(long chatId, long senderId, AckSink acks, Recorder latency, String text, int window) {
        this.chatId = chatId;
        this.senderId = senderId;
        this.acks = acks;
        this.latency = latency;
        this.text = text;
        this.window = window;
    }

    public CompletableFuture<ServerFrame.Ready> ready() {
        return ready;
    }

    /** Sends {@code count} messages; completes when all are answered (acked or refused). */
    public synchronized CompletableFuture<Void> send(int count) {
        if (!batch.isDone()) {
            throw new IllegalStateException("the previous batch is still going");
        }
        batch = new CompletableFuture<>();
        toSend = count;
        fill();
        return batch;
    }

    /** Sends the server refused (their error frame), over all batches. */
    public synchronized long failed() {
        return failed;
    }

    @Override
    public synchronized void ready(WireSession s, ServerFrame.Ready frame) {
        session = s;
        ready.complete(frame);
    }

    @Override
    public void frame(WireSession s, ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Ack ack -> answered(ack.clientMsgId(), ack.seq(), true);
            case ServerFrame.Error error when error.ref() == null -> trouble(error.code().wire() + ": " + error.message());
            case ServerFrame.Error error -> {
                try {
                    answered(UUID.fromString(error.ref()), 0, false);
                } catch (IllegalArgumentException notASend) {
                    // an error of a ping or sync: nothing of ours
                }
            }
            default -> {
            }
        }
    }

    @Override
    public synchronized void closed(WireSession s, String why) {
        lastTrouble = why + " (last error: " + lastTrouble + ")";
        ready.completeExceptionally(new IllegalStateException(why));
        batch.completeExceptionally(new IllegalStateException("writer's connection closed: " + why));
    }

    private synchronized void trouble(String what) {
        lastTrouble = what;
    }

    private synchronized void answered(UUID id, long seq, boolean acked) {
        Long sentAt = inFlight.remove(id);
        if (sentAt == null) {
            return;
        }
        if (acked) {
            acks.acked(id, senderId, seq);
            latency.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1_000));
        } else {
            failed++;
        }
        fill();
        if (toSend == 0 && inFlight.isEmpty()) {
            batch.complete(null);
        }
    }

    private void fill() {
        while (toSend > 0 && inFlight.size() < window && session != null) {
            UUID id = SentMessages.newId();
            inFlight.put(id, System.nanoTime());
            toSend--;
            if (!session.send(new ClientFrame.Send(id, chatId, text))) {
                batch.completeExceptionally(new IllegalStateException("writer's connection is not open: " + lastTrouble));
                return;
            }
        }
        if (toSend == 0 && inFlight.isEmpty()) {
            batch.complete(null);
        }
    }
}
