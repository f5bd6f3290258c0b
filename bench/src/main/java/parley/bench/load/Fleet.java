package parley.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.connection.ConnectionState;
import parley.client.connection.ParleyConnection;

/**
 * The run's live connections: one SDK connection per provisioned user (both members of every
 * pair), spread over a few {@link ParleyClient}s, each connected with its {@link MemberListener}.
 * Closing it closes the connections, then the clients.
 */
final class Fleet implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final List<ParleyClient> clients;
    private final Map<Long, ParleyConnection> byUser;

    private Fleet(List<ParleyClient> clients, Map<Long, ParleyConnection> byUser) {
        this.clients = clients;
        this.byUser = byUser;
    }

    /** Connects every member of every pair and waits until each is online (ready and resynced). */
    static Fleet connect(LoadOptions options, List<ChatPair> pairs, Map<Long, ChatLedger> ledgers, SentMessages sent,
                         RunRecorder recorder, PrintStream log) throws Exception {
        ClientOptions clientOptions = ClientOptions.builder(options.server())
                .maxOutbox(options.maxOutbox())
                .maxQueuedFrames(Math.max(4_096, 2 * options.maxOutbox()))
                .build();
        List<ParleyClient> clients = new ArrayList<>();
        for (int i = 0; i < options.sdkClients(); i++) {
            clients.add(ParleyClient.create(clientOptions));
        }
        Map<Long, ParleyConnection> byUser = new HashMap<>();
        Fleet fleet = new Fleet(clients, byUser);
        long started = System.nanoTime();
        try {
            List<CompletableFuture<?>> ready = new ArrayList<>();
            int n = 0;
            for (ChatPair pair : pairs) {
                for (BenchUser user : pair.members()) {
                    ParleyConnection connection = clients.get(n++ % clients.size()).newWebSocketConnection();
                    byUser.put(user.userId(), connection);
                    ready.add(connection.connect(user.token(),
                            new MemberListener(user.userId(), ledgers, sent, recorder)));
                }
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
        log.printf("connected %d users over %d SDK clients in %.1f s%n", byUser.size(), clients.size(),
                (System.nanoTime() - started) / 1e9);
        return fleet;
    }

    ParleyConnection connection(long userId) {
        ParleyConnection connection = byUser.get(userId);
        if (connection == null) {
            throw new IllegalArgumentException("no connection for user " + userId);
        }
        return connection;
    }

    /** Closes the connections, waits a moment (bounded) for their close frames, then the clients. */
    @Override
    public void close() {
        byUser.values().forEach(ParleyConnection::close);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (ParleyConnection connection : byUser.values()) {
            while (connection.state() != ConnectionState.CLOSED && connection.state() != null
                    && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        clients.forEach(ParleyClient::close);
    }
}
