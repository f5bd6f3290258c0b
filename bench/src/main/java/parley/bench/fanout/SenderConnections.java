package parley.bench.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import parley.bench.load.BenchUser;
import parley.bench.load.RunRecorder;
import parley.bench.load.SeqLedger;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.connection.ConnectionListener;
import parley.client.connection.ConnectionState;
import parley.client.connection.ParleyConnection;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * The senders' SDK connections (the SDK's outbox, acks and resync do the sending), spread over a
 * few {@link ParleyClient}s. Each sender is also a member: what its connection hands over goes to
 * its group's ledger and, when it is another member's message, counts as a delivery.
 */
final class SenderConnections implements AutoCloseable {
    private final List<ParleyClient> clients = new ArrayList<>();
    private final Map<Long, ParleyConnection> byUser = new HashMap<>();
    private final LongAdder reconnects = new LongAdder();

    /** One sender: the user and its group's ledger. */
    record Sender(BenchUser user, SeqLedger ledger) {
    }

    SenderConnections(ClientOptions options, int sdkClients) {
        for (int i = 0; i < sdkClients; i++) {
            clients.add(ParleyClient.create(options));
        }
    }

    /** Connects every sender and waits (at most {@code limit}) until each is online and resynced. */
    void connect(List<Sender> senders, FanoutTracker tracker, RunRecorder recorder, Duration limit) throws Exception {
        List<CompletableFuture<?>> ready = new ArrayList<>();
        int n = 0;
        for (Sender sender : senders) {
            ParleyConnection connection = clients.get(n++ % clients.size()).newWebSocketConnection();
            byUser.put(sender.user().userId(), connection);
            ready.add(connection.connect(sender.user().token(), new Listener(sender, tracker, recorder)));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(limit.toSeconds(), TimeUnit.SECONDS);
    }

    ParleyConnection connection(long userId) {
        return byUser.get(userId);
    }

    long reconnects() {
        return reconnects.sum();
    }

    @Override
    public void close() {
        byUser.values().forEach(ParleyConnection::close);
        clients.forEach(ParleyClient::close);
    }

    /** A sender's ears, on its connection's callback thread. */
    private final class Listener implements ConnectionListener {
        private final Sender sender;
        private final FanoutTracker tracker;
        private final RunRecorder recorder;
        private boolean wasOnline;

        Listener(Sender sender, FanoutTracker tracker, RunRecorder recorder) {
            this.sender = sender;
            this.tracker = tracker;
            this.recorder = recorder;
        }

        @Override
        public void onMessage(ChatMessage message) {
            if (sender.ledger().accept(sender.user().userId(), message) == SeqLedger.Outcome.NEW
                    && message.senderId() != sender.user().userId()) {
                tracker.delivered(message);
            }
        }

        @Override
        public void onError(ServerFrame.Error error) {
            recorder.serverError();
        }

        @Override
        public void onStateChange(ConnectionState state) {
            if (state == ConnectionState.ONLINE) {
                wasOnline = true;
            } else if (state == ConnectionState.OFFLINE && wasOnline) {
                reconnects.increment();
                recorder.reconnect();
            }
        }
    }
}
