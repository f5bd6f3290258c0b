package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatSummary;

/**
 * Two users with two devices each, over real WebSockets through the SDK: send, ack, push,
 * delivered and read, in both directions, and every device showing the same chat.
 */
class MessagingIT extends EmbeddedServerTest {
    @Test
    void twoUsersOnTwoDevicesEachChatWithTicks() throws Exception {
        LoginResponse aliceLogin = http.newUser("alice");
        LoginResponse bobLogin = http.newUser("bob");
        try (TestDevice aliceLaptop = TestDevice.connect(client, aliceLogin);
             TestDevice alicePhone = TestDevice.connect(client, http.login(aliceLogin.username(), "phone"));
             TestDevice bobLaptop = TestDevice.connect(client, bobLogin);
             TestDevice bobPhone = TestDevice.connect(client, http.login(bobLogin.username(), "phone"))) {

            ChatSummary chat = aliceLaptop.connection().openChat(bobLogin.username()).get(30, TimeUnit.SECONDS);
            ChatSummary sameChat = bobPhone.connection().openChat(aliceLogin.username()).get(30, TimeUnit.SECONDS);
            assertThat(sameChat.chatId()).isEqualTo(chat.chatId());
            long id = chat.chatId();

            ServerFrame.Ack ack = aliceLaptop.connection().send(id, "hi bob").get(30, TimeUnit.SECONDS);
            assertThat(ack.chatId()).isEqualTo(id);
            assertThat(ack.seq()).isEqualTo(1);

            for (TestDevice device : List.of(bobLaptop, bobPhone, alicePhone, aliceLaptop)) {
                ChatMessage pushed = device.awaitMessages(id, 1).getFirst();
                assertThat(pushed.text()).isEqualTo("hi bob");
                assertThat(pushed.senderId()).isEqualTo(aliceLogin.userId());
                assertThat(pushed.seq()).isEqualTo(1);
                assertThat(pushed.serverTime()).isEqualTo(ack.serverTime());
            }
            // double tick: a device of bob received it (the SDK reports delivery by itself)
            aliceLaptop.awaitWatermark(id, bobLogin.userId(), 1, 0);
            // blue ticks: bob reads it on his laptop; alice sees it, and so does bob's phone
            bobLaptop.connection().markRead(id, 1);
            aliceLaptop.awaitWatermark(id, bobLogin.userId(), 1, 1);
            alicePhone.awaitWatermark(id, bobLogin.userId(), 1, 1);
            bobPhone.awaitWatermark(id, bobLogin.userId(), 1, 1);
            assertThat(http.call("GET", "/api/chats", null, bobPhone.login().token()).body()).contains("\"unread\":0");

            // the other way round, from bob's phone
            ServerFrame.Ack reply = bobPhone.connection().send(id, "hi alice").get(30, TimeUnit.SECONDS);
            assertThat(reply.seq()).isEqualTo(2);
            assertThat(aliceLaptop.awaitMessages(id, 2).get(1).text()).isEqualTo("hi alice");
            assertThat(alicePhone.awaitMessages(id, 2).get(1).senderId()).isEqualTo(bobLogin.userId());
            bobPhone.awaitWatermark(id, aliceLogin.userId(), 2, 0);
            alicePhone.connection().markRead(id, 2);
            bobPhone.awaitWatermark(id, aliceLogin.userId(), 2, 2);
            bobLaptop.awaitWatermark(id, aliceLogin.userId(), 2, 2);
            aliceLaptop.awaitWatermark(id, aliceLogin.userId(), 2, 2);

            List<ChatMessage> reference = aliceLaptop.awaitMessages(id, 2);
            for (TestDevice device : List.of(alicePhone, bobLaptop, bobPhone)) {
                assertThat(device.awaitMessages(id, 2)).isEqualTo(reference);
            }
        }
    }

    @Test
    void theChatListShowsTheLastMessageUnreadCountsAndBothSidesWatermarks() throws Exception {
        LoginResponse carolLogin = http.newUser("carol");
        LoginResponse daveLogin = http.newUser("dave");
        try (TestDevice carol = TestDevice.connect(client, carolLogin)) {
            long chat = http.openChat(carolLogin.token(), daveLogin.username());
            for (int i = 1; i <= 3; i++) {
                carol.connection().send(chat, "note " + i).get(30, TimeUnit.SECONDS);
            }
            ChatSummary forDave = client.http().chats(daveLogin.token(), null, null).chats().getFirst();
            assertThat(forDave.chatId()).isEqualTo(chat);
            assertThat(forDave.unread()).isEqualTo(3);
            assertThat(forDave.lastMessage().text()).isEqualTo("note 3");
            assertThat(forDave.state().lastSeq()).isEqualTo(3);
            assertThat(forDave.state().read()).isZero();

            try (TestDevice dave = TestDevice.connect(client, daveLogin)) {
                dave.awaitMessages(chat, 3);
                dave.connection().markRead(chat, 2);
                carol.awaitWatermark(chat, daveLogin.userId(), 3, 2);
            }
            ChatSummary after = client.http().chats(daveLogin.token(), null, null).chats().getFirst();
            assertThat(after.unread()).isEqualTo(1);
            ChatSummary forCarol = client.http().chats(carolLogin.token(), null, null).chats().getFirst();
            assertThat(forCarol.unread()).isZero();
            assertThat(forCarol.state().othersDelivered()).isEqualTo(3);
            assertThat(forCarol.state().othersRead()).isEqualTo(2);
        }
    }
}
