package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.it.kit.TestCluster;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessagePage;
import parley.server.testing.PostgresServer;
import parley.server.testing.RedisServer;

/**
 * Faults during load: a node killed with SIGKILL, PostgreSQL restarted, Redis restarted. In every
 * case nothing acked is lost, nothing is stored twice, and every reader ends with every message.
 */
class ClusterFaultsIT {
    private static final int PER_SENDER = 400;

    private TestCluster cluster;
    private ParleyClient client;
    private HttpProbe http;

    @BeforeEach
    void start() {
        cluster = TestCluster.start(3);
        client = ParleyClient.create(ClientOptions.builder(cluster.http())
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).maxOutbox(10_000).build());
        http = new HttpProbe(cluster.http());
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    /** Three senders through the load balancer (spread over the nodes) and one reader. */
    private record Load(long chat, LoginResponse reader, List<TestDevice> senders,
                        List<CompletableFuture<ServerFrame.Ack>> acks) {
    }

    private Load startLoad() {
        LoginResponse writer = http.newUser("writer");
        LoginResponse reader = http.newUser("reader");
        long chat = http.openChat(writer.token(), reader.username());
        List<TestDevice> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            senders.add(TestDevice.connect(client, http.login(writer.username(), "sender " + i)));
        }
        return new Load(chat, reader, senders, java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    private void sendHalf(Load load, int half) {
        for (int i = half * PER_SENDER / 2; i < (half + 1) * PER_SENDER / 2; i++) {
            for (int s = 0; s < load.senders().size(); s++) {
                load.acks().add(load.senders().get(s).connection().send(load.chat(), "s" + s + ":" + i));
            }
        }
    }

    /** Every acked message is stored exactly once, with seqs 1..N, and a reader gets them all in order. */
    private void assertNothingLostOrDoubled(Load load) throws Exception {
        CompletableFuture.allOf(load.acks().toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        int total = load.acks().size();
        Set<Long> ackedSeqs = new HashSet<>();
        load.acks().forEach(f -> ackedSeqs.add(f.join().seq()));
        assertThat(ackedSeqs).as("one seq per message").hasSize(total);

        List<ChatMessage> stored = new ArrayList<>();
        Long after = 0L;
        while (true) {
            MessagePage page = client.http().history(load.reader().token(), load.chat(), null, after, 500);
            stored.addAll(page.messages());
            if (!page.more()) {
                break;
            }
            after = page.messages().getLast().seq();
        }
        assertThat(stored).extracting(ChatMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(stored.stream().map(ChatMessage::text).distinct()).hasSize(total);

        try (TestDevice reader = TestDevice.connect(client, load.reader())) {
            assertThat(reader.awaitMessages(load.chat(), total)).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        }
        load.senders().forEach(TestDevice::close);
    }

    @Test
    void aNodeKilledDuringABurstLosesNothingAndItsClientsComeBackThroughTheBalancer() throws Exception {
        Load load = startLoad();
        sendHalf(load, 0);
        TestDevice.await(() -> load.acks().stream().filter(CompletableFuture::isDone).count() > 10, "first acks");
        cluster.process(0).kill9();
        sendHalf(load, 1);
        assertNothingLostOrDoubled(load);
    }

    @Test
    void aNodeStoppedForADeployDrainsAndItsClientsMoveToTheOthers() throws Exception {
        Load load = startLoad();
        sendHalf(load, 0);
        TestDevice.await(() -> load.acks().stream().filter(CompletableFuture::isDone).count() > 10, "first acks");
        HttpProbe node = new HttpProbe(cluster.node(1));
        assertThat(node.call("GET", "/readyz", null, null).status()).isEqualTo(200);
        Thread stopping = Thread.ofPlatform().start(() -> {
            try {
                cluster.process(1).stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TestDevice.await(() -> !cluster.process(1).isAlive() || readyStatus(node) == 503, "the node to stop being ready");
        sendHalf(load, 1);
        stopping.join();
        assertThat(cluster.process(1).isAlive()).isFalse();
        assertNothingLostOrDoubled(load);
    }

    private static int readyStatus(HttpProbe node) {
        try {
            return node.call("GET", "/readyz", null, null).status();
        } catch (IllegalStateException refused) {
            return -1;
        }
    }

    @Test
    void postgresRestartedDuringLoadDelaysSendsButLosesNothing() throws Exception {
        Load load = startLoad();
        sendHalf(load, 0);
        TestDevice.await(() -> load.acks().stream().filter(CompletableFuture::isDone).count() > 10, "first acks");
        PostgresServer.shared().restart();
        sendHalf(load, 1);
        assertNothingLostOrDoubled(load);
    }

    @Test
    void aDeviceConnectingWhileTheDatabaseIsDownIsToldToRetryNotRefused() throws Exception {
        LoginResponse alice = http.newUser("alice");
        URI ws = URI.create("ws://127.0.0.1:" + cluster.node(0).getPort() + "/ws");
        PostgresServer.shared().stop();
        try {
            assertThat(RawSocket.refusedStatus(ws, Map.of("Authorization", "Bearer " + alice.token()), true))
                    .as("unavailable, a retryable answer, not unauthorized").isEqualTo(503);
        } finally {
            PostgresServer.shared().start();
        }
        try (TestDevice device = TestDevice.connect(client, alice)) {
            assertThat(device.connection().closeReason()).isEmpty();
        }
    }

    @Test
    void aNodeWhoseDatabaseIsDownSaysItIsNotReadyUntilItIsBack() throws Exception {
        HttpProbe node = new HttpProbe(cluster.node(0));
        assertThat(node.call("GET", "/readyz", null, null).status()).isEqualTo(200);
        PostgresServer.shared().stop();
        try {
            TestDevice.await(() -> node.call("GET", "/readyz", null, null).status() == 503, "/readyz failing");
            HttpProbe.Answer ready = node.call("GET", "/readyz", null, null);
            assertThat(ready.body()).contains("\"status\":\"failing\"").contains("database");
            assertThat(node.call("GET", "/healthz", null, null).status())
                    .as("alive all the same: a restart would not bring the database back").isEqualTo(200);
        } finally {
            PostgresServer.shared().start();
        }
        TestDevice.await(() -> node.call("GET", "/readyz", null, null).status() == 200, "/readyz ready again");
    }

    @Test
    void redisRestartedDuringLoadLosesNothing() throws Exception {
        Load load = startLoad();
        try (TestDevice reader = TestDevice.connect(client, load.reader())) {
            sendHalf(load, 0);
            TestDevice.await(() -> load.acks().stream().filter(CompletableFuture::isDone).count() > 10, "first acks");
            RedisServer.shared().restart();
            sendHalf(load, 1);
            CompletableFuture.allOf(load.acks().toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            // pushes lost while Redis was away show up as a gap at the next message, which the reader fills
            TestDevice sender = load.senders().getFirst();
            ServerFrame.Ack last = sender.connection().send(load.chat(), "after the restart").get(60, TimeUnit.SECONDS);
            load.acks().add(CompletableFuture.completedFuture(last));
            assertThat(reader.awaitMessages(load.chat(), load.acks().size())).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, load.acks().size()).boxed().toList());
        }
        assertNothingLostOrDoubled(load);
    }
}
