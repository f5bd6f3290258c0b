package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * One order for everyone: 20 senders (10 per side, over several devices) write 5,000 messages
 * into one chat at once; every device ends with the identical sequence 1..5,000, and each
 * sender's messages keep the order they were sent in.
 */
class OrderIT {
    private static final int SENDERS_PER_SIDE = 10;
    private static final int DEVICES_PER_USER = 3;
    private static final int PER_SENDER = 250;

    private static TestServer server;
    private static ParleyClient client;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        // 2,500 messages a user as fast as the SDK sends them: far past a person's sending limits
        server = TestServer.start(Map.of("chat.sends-per-connection.burst", "100000", "chat.sends-per-user.burst", "100000"));
        client = ParleyClient.create(ClientOptions.builder(server.http()).maxOutbox(10_000).build());
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void twentyConcurrentSendersProduceOneIdenticalOrderOnEveryDevice() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        List<TestDevice> devices = new ArrayList<>();
        for (LoginResponse user : List.of(alice, bob)) {
            devices.add(TestDevice.connect(client, user));
            for (int d = 1; d < DEVICES_PER_USER; d++) {
                devices.add(TestDevice.connect(client, http.login(user.username(), "device " + d)));
            }
        }
        try {
            List<Thread> senders = new ArrayList<>();
            List<CompletableFuture<ServerFrame.Ack>> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int s = 0; s < 2 * SENDERS_PER_SIDE; s++) {
                TestDevice device = devices.get(s % devices.size());
                String sender = "sender" + s;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        acks.add(device.connection().send(chat, sender + ":" + i));
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            int total = 2 * SENDERS_PER_SIDE * PER_SENDER;

            List<ChatMessage> reference = devices.getFirst().awaitMessages(chat, total);
            assertThat(reference).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            for (TestDevice device : devices) {
                assertThat(device.awaitMessages(chat, total)).isEqualTo(reference);
            }
            Map<String, Integer> lastIndex = new HashMap<>();
            for (ChatMessage m : reference) {
                String[] parts = m.text().split(":");
                int index = Integer.parseInt(parts[1]);
                Integer previous = lastIndex.put(parts[0], index);
                assertThat(index).as("order of %s", parts[0]).isEqualTo(previous == null ? 0 : previous + 1);
            }
            assertThat(lastIndex).hasSize(2 * SENDERS_PER_SIDE).allSatisfy((s, last) -> assertThat(last).isEqualTo(PER_SENDER - 1));
        } finally {
            devices.forEach(TestDevice::close);
        }
    }
}
