package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.ServerSettings;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;
import parley.protocol.model.SystemEventType;

/**
 * Membership changes interleaved with 2,000 concurrent messages from four members: every device
 * ends with the identical sequence, system messages included; the member who joins midway holds
 * exactly the suffix from the message that added them; the member removed midway receives nothing
 * after their removal.
 */
@ServerSettings({"chat.sends-per-connection.burst=100000", "chat.sends-per-user.burst=100000"}) // 500 sends at once
class GroupMembershipRaceIT extends EmbeddedServerTest {
    private static final int SENDERS = 4;
    private static final int PER_SENDER = 500;

    @Test
    void everyDeviceEndsWithTheSameSequenceAndTheRemovedMemberGetsNothingAfter() throws Exception {
        List<LoginResponse> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(http.newUser("sender" + i));
        }
        LoginResponse admin = senders.getFirst();
        LoginResponse leaving = http.newUser("erin");
        LoginResponse joining = http.newUser("frank");
        List<Long> initial = new ArrayList<>(senders.subList(1, SENDERS).stream().map(LoginResponse::userId).toList());
        initial.add(leaving.userId());
        long id = client.http().createGroup(admin.token(), "Race", initial, false).chatId();

        List<TestDevice> devices = new ArrayList<>();
        try {
            for (LoginResponse login : senders) {
                devices.add(TestDevice.connect(client, login));
            }
            TestDevice erin = TestDevice.connect(client, leaving);
            TestDevice frank = TestDevice.connect(client, joining);
            devices.add(erin);
            devices.add(frank);

            List<CompletableFuture<ServerFrame.Ack>> acks = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            java.util.concurrent.CountDownLatch removed = new java.util.concurrent.CountDownLatch(1);
            for (int s = 0; s < SENDERS; s++) {
                TestDevice device = devices.get(s);
                int sender = s;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        CompletableFuture<ServerFrame.Ack> ack = device.connection().send(id, "m" + sender + "-" + i);
                        synchronized (acks) {
                            acks.add(ack);
                        }
                        pace();
                        if (i == PER_SENDER * 3 / 5) {
                            await(removed); // the removal lands amid the messages, not after them
                        }
                    }
                }));
            }
            // membership changes while the messages pour in
            TestDevice first = devices.getFirst();
            first.awaitMessages(id, 150);
            client.http().addMembers(admin.token(), id, List.of(joining.userId()));
            first.awaitMessages(id, 400);
            client.http().renameGroup(admin.token(), id, "Race, renamed");
            first.awaitMessages(id, 650);
            client.http().removeMember(admin.token(), id, leaving.userId());
            removed.countDown();
            first.awaitMessages(id, 900);
            client.http().setAdmin(admin.token(), id, senders.get(1).userId(), true);
            for (Thread thread : threads) {
                thread.join();
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            long lastSeq = client.http().chats(admin.token(), null, null).chats().stream()
                    .filter(c -> c.chatId() == id).findFirst().orElseThrow().state().lastSeq();
            assertThat(lastSeq).isEqualTo(1 + SENDERS * PER_SENDER + 4);

            List<ChatMessage> reference = devices.getFirst().awaitMessages(id, (int) lastSeq);
            assertThat(reference).extracting(ChatMessage::seq).doesNotHaveDuplicates().hasSize((int) lastSeq);
            assertThat(reference.stream().filter(m -> m.kind() == MessageKind.SYSTEM).map(m -> m.event().type()))
                    .containsExactly(SystemEventType.CREATED, SystemEventType.ADDED, SystemEventType.RENAMED,
                            SystemEventType.REMOVED, SystemEventType.ADMIN_GRANTED);
            for (TestDevice device : devices.subList(1, SENDERS)) {
                assertThat(device.awaitMessages(id, (int) lastSeq)).isEqualTo(reference);
            }

            long joinedAt = seqOf(reference, SystemEventType.ADDED);
            List<ChatMessage> frankExpected = reference.subList((int) joinedAt - 1, reference.size());
            assertThat(frank.awaitMessages(id, frankExpected.size())).isEqualTo(frankExpected);

            long removedAt = seqOf(reference, SystemEventType.REMOVED);
            assertThat(joinedAt).as("frank joined amid the messages").isBetween(100L, lastSeq - 100);
            assertThat(removedAt).as("erin was removed amid the messages").isBetween(joinedAt, lastSeq - 100);
            erin.awaitMessages(id, (int) removedAt);
            Thread.sleep(500); // anything still in flight to erin would arrive now
            assertThat(erin.messages(id)).isEqualTo(reference.subList(0, (int) removedAt));
        } finally {
            devices.forEach(TestDevice::close);
        }
    }

    // about one message every two milliseconds per sender, so that the membership changes land amid them
    private static void pace() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long seqOf(List<ChatMessage> messages, SystemEventType type) {
        return messages.stream().filter(m -> m.event() != null && m.event().type() == type).findFirst().orElseThrow()
                .seq();
    }
}
