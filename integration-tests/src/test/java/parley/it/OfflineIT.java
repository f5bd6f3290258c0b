package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.it.kit.ServerSettings;

/** A recipient who was offline gets everything on reconnect, in order, none twice. */
@ServerSettings({"chat.sends-per-connection.burst=100000", "chat.sends-per-user.burst=100000"}) // 1,000 sends at once
class OfflineIT extends EmbeddedServerTest {
    @Test
    void aThousandMessagesSentWhileOfflineArriveOnReconnectInOrderNoneTwice() throws Exception {
        LoginResponse sender = http.newUser("sender");
        LoginResponse away = http.newUser("away");
        long chat = http.openChat(sender.token(), away.username());

        try (TestDevice before = TestDevice.connect(client, away)) {
            before.connection().send(chat, "see you later").get(30, TimeUnit.SECONDS);
        }
        try (TestDevice device = TestDevice.connect(client, sender)) {
            List<CompletableFuture<ServerFrame.Ack>> acks = IntStream.rangeClosed(1, 1000)
                    .mapToObj(i -> device.connection().send(chat, "message " + i)).toList();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        try (TestDevice back = TestDevice.connect(client, away)) {
            List<ChatMessage> shown = back.awaitMessages(chat, 1001);
            assertThat(shown).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 1001).boxed().toList());
            assertThat(shown.get(1).text()).isEqualTo("message 1");
            assertThat(shown.getLast().text()).isEqualTo("message 1000");
            Thread.sleep(500);
            assertThat(back.messages(chat)).as("nothing shown twice").hasSize(1001);
        }
    }

    @Test
    void aDeviceThatAlreadyHoldsPartOfAChatGetsOnlyWhatItMisses() throws Exception {
        LoginResponse sender = http.newUser("sender");
        LoginResponse reader = http.newUser("reader");
        long chat = http.openChat(sender.token(), reader.username());
        try (TestDevice device = TestDevice.connect(client, sender)) {
            for (int i = 1; i <= 30; i++) {
                device.connection().send(chat, "m" + i);
            }
            device.awaitMessages(chat, 30);
        }
        TestDevice partial = TestDevice.connect(client, reader, java.util.Map.of(chat, 20L));
        try (partial) {
            List<ChatMessage> shown = partial.awaitMessages(chat, 10);
            Thread.sleep(300);
            assertThat(partial.messages(chat)).extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(21, 30).boxed().toList());
            assertThat(shown.getFirst().text()).isEqualTo("m21");
        }
    }
}
