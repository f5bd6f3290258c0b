package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.ServerProcess;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessagePage;

/**
 * Sent means durable: the server, a separate process, is killed with SIGKILL in the middle of a
 * burst. After a restart every acked message is there exactly once with no gap, and the SDK
 * resends what was not acked, which the server stores once.
 */
class CrashIT {

    @Test
    void killDashNineDuringABurstLosesNothingAckedAndDuplicatesNothingResent() throws Exception {
        // 3,000 sends at once: the send rates would only slow the burst down
        try (ServerProcess server = ServerProcess.start(java.util.Map.of("chat.sends-per-connection.burst", "100000",
                "chat.sends-per-user.burst", "100000"));
             ParleyClient client = ParleyClient.create(ClientOptions.builder(server.http())
                     .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).maxOutbox(10_000).build())) {
            HttpProbe http = new HttpProbe(server.http());
            LoginResponse alice = http.newUser("alice");
            LoginResponse bob = http.newUser("bob");
            long chat = http.openChat(alice.token(), bob.username());
            int total = 3000;

            try (TestDevice device = TestDevice.connect(client, alice)) {
                List<CompletableFuture<ServerFrame.Ack>> sends = new ArrayList<>();
                Set<ServerFrame.Ack> ackedBeforeCrash = java.util.concurrent.ConcurrentHashMap.newKeySet();
                for (int i = 0; i < total; i++) {
                    CompletableFuture<ServerFrame.Ack> send = device.connection().send(chat, "burst " + i);
                    send.thenAccept(ackedBeforeCrash::add);
                    sends.add(send);
                    if (i == total / 3) {
                        TestDevice.await(() -> !ackedBeforeCrash.isEmpty(), "some acks before the crash");
                        server.kill9();
                    }
                }
                List<ServerFrame.Ack> ackedAtCrash = List.copyOf(ackedBeforeCrash);
                assertThat(ackedAtCrash).isNotEmpty();
                server.restart();

                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                List<ServerFrame.Ack> finalAcks = sends.stream().map(CompletableFuture::join).toList();
                for (ServerFrame.Ack before : ackedAtCrash) {
                    assertThat(finalAcks).contains(before);
                }
                assertThat(finalAcks.stream().map(ServerFrame.Ack::seq).distinct()).hasSize(total);
            }

            List<ChatMessage> stored = new ArrayList<>();
            Long after = 0L;
            while (true) {
                MessagePage page = client.http().history(bob.token(), chat, null, after, 500);
                stored.addAll(page.messages());
                if (!page.more()) {
                    break;
                }
                after = page.messages().getLast().seq();
            }
            assertThat(stored).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            Set<String> texts = new HashSet<>();
            stored.forEach(m -> assertThat(texts.add(m.text())).as("%s stored once", m.text()).isTrue());
            assertThat(texts).hasSize(total);
            // one sender: the order it sent in is the chat's order
            for (int i = 0; i < total; i++) {
                assertThat(stored.get(i).text()).isEqualTo("burst " + i);
            }
        }
    }
}
