package parley.client.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;

/** Records what a connection reports, and the threads it reports on. */
final class RecordingListener implements ConnectionListener {
    final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
    final List<ServerFrame.Ack> acks = new CopyOnWriteArrayList<>();
    final List<ServerFrame.Watermark> watermarks = new CopyOnWriteArrayList<>();
    final List<ChatState> states = new CopyOnWriteArrayList<>();
    final List<ConnectionState> connectionStates = new CopyOnWriteArrayList<>();
    final List<ServerFrame.Error> errors = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ChatMessage message) {
        threads.add(Thread.currentThread().getName());
        messages.add(message);
    }

    @Override
    public void onAck(ServerFrame.Ack ack) {
        acks.add(ack);
    }

    @Override
    public void onWatermark(ServerFrame.Watermark watermark) {
        watermarks.add(watermark);
    }

    @Override
    public void onChatState(ChatState state) {
        states.add(state);
    }

    @Override
    public void onStateChange(ConnectionState state) {
        connectionStates.add(state);
    }

    @Override
    public void onError(ServerFrame.Error error) {
        errors.add(error);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
