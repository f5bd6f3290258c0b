package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestCluster;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * One order across nodes: 30 senders spread over three nodes write 6,000 messages into one chat;
 * every device, on every node, ends with the identical sequence 1..6,000, no gap, no duplicate,
 * each sender's messages in the order it sent them.
 */
class ClusterOrderIT {
    private static final int SENDERS = 30;
    private static final int PER_SENDER = 200;

    @Test
    void thirtySendersOverThreeNodesProduceOneOrder() throws Exception {
        List<ParleyClient> clients = new ArrayList<>();
        List<TestDevice> devices = new ArrayList<>();
        // 30 senders as fast as they can: the send rates would only slow the test down
        try (TestCluster cluster = TestCluster.start(3, Map.of("chat.sends-per-connection.burst", "100000",
                "chat.sends-per-user.burst", "100000"))) {
            for (int i = 0; i < 3; i++) {
                clients.add(ParleyClient.create(ClientOptions.builder(cluster.node(i)).maxOutbox(10_000).build()));
            }
            HttpProbe http = new HttpProbe(cluster.node(0));
            LoginResponse alice = http.newUser("alice");
            LoginResponse bob = http.newUser("bob");
            long chat = http.openChat(alice.token(), bob.username());
            for (int node = 0; node < 3; node++) {
                for (LoginResponse user : List.of(alice, bob)) {
                    devices.add(TestDevice.connect(clients.get(node), http.login(user.username(), "node " + node)));
                }
            }

            List<CompletableFuture<ServerFrame.Ack>> acks = Collections.synchronizedList(new ArrayList<>());
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                TestDevice device = devices.get(s % devices.size());
                String sender = "s" + s;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        acks.add(device.connection().send(chat, sender + ":" + i));
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            int total = SENDERS * PER_SENDER;

            List<ChatMessage> reference = devices.getFirst().awaitMessages(chat, total);
            assertThat(reference).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            for (TestDevice device : devices) {
                assertThat(device.awaitMessages(chat, total)).isEqualTo(reference);
            }
            Map<String, Integer> next = new HashMap<>();
            for (ChatMessage m : reference) {
                String[] parts = m.text().split(":");
                int expected = next.getOrDefault(parts[0], 0);
                assertThat(Integer.parseInt(parts[1])).as("order of sender %s", parts[0]).isEqualTo(expected);
                next.put(parts[0], expected + 1);
            }
        } finally {
            devices.forEach(TestDevice::close);
            clients.forEach(ParleyClient::close);
        }
    }
}
