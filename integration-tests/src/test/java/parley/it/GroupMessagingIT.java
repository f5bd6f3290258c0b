package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.http.ParleyHttp;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.ErrorCode;
import parley.protocol.api.GroupMember;
import parley.protocol.api.GroupMembers;
import parley.protocol.api.MemberReceipt;
import parley.protocol.api.MessageInfo;
import parley.protocol.api.LoginResponse;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MemberRole;
import parley.protocol.model.MessageKind;
import parley.protocol.model.SystemEventType;

/**
 * A group of three over real WebSockets through the SDK: system messages, messages, per-member
 * receipts and message info; joining and removal; and every bad input of the group routes, each
 * with its error code and nothing changed. The server allows 5 members per group, so that the limit
 * is quick to reach.
 */
class GroupMessagingIT {
    private static TestServer server;
    private static ParleyClient client;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("chat.max-group-members", "5"));
        client = ParleyClient.create(ClientOptions.builder(server.http()).build());
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static ParleyHttp api() {
        return client.http();
    }

    private static SystemEventType event(ChatMessage message) {
        return message.event() == null ? null : message.event().type();
    }

    @Test
    void aGroupOfThreeChatsWithPerMemberReceiptsAndMessageInfo() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse carol = http.newUser("carol");
        LoginResponse dave = http.newUser("dave");
        try (TestDevice aliceDevice = TestDevice.connect(client, alice);
             TestDevice bobDevice = TestDevice.connect(client, bob);
             TestDevice carolDevice = TestDevice.connect(client, carol);
             TestDevice daveDevice = TestDevice.connect(client, dave)) {

            ChatSummary group = api().createGroup(alice.token(), "  Climbing trip ",
                    List.of(bob.userId(), carol.userId()), false);
            long id = group.chatId();
            assertThat(group.kind()).isEqualTo(ChatKind.GROUP);
            assertThat(group.title()).isEqualTo("Climbing trip");
            assertThat(group.members()).hasSize(3);

            for (TestDevice device : List.of(aliceDevice, bobDevice, carolDevice)) {
                ChatMessage created = device.awaitMessages(id, 1).getFirst();
                assertThat(created.kind()).isEqualTo(MessageKind.SYSTEM);
                assertThat(created.seq()).isEqualTo(1);
                assertThat(event(created)).isEqualTo(SystemEventType.CREATED);
                assertThat(created.event().targetIds()).containsExactly(bob.userId(), carol.userId());
            }

            assertThat(aliceDevice.connection().send(id, "who brings the rope?").get(30, TimeUnit.SECONDS).seq())
                    .isEqualTo(2);
            assertThat(bobDevice.connection().send(id, "me").get(30, TimeUnit.SECONDS).seq()).isEqualTo(3);
            for (TestDevice device : List.of(aliceDevice, bobDevice, carolDevice)) {
                assertThat(device.awaitMessages(id, 3)).extracting(ChatMessage::text)
                        .containsExactly("", "who brings the rope?", "me");
            }

            // both others' devices report delivery by themselves: alice sees each member's tick
            aliceDevice.awaitWatermark(id, bob.userId(), 3, 0);
            aliceDevice.awaitWatermark(id, carol.userId(), 3, 0);
            bobDevice.connection().markRead(id, 3);
            aliceDevice.awaitWatermark(id, bob.userId(), 3, 3);

            MessageInfo info = api().messageInfo(alice.token(), id, 2);
            assertThat(info.members()).extracting(MemberReceipt::userId).containsExactly(bob.userId(), carol.userId());
            MemberReceipt bobTicks = info.members().get(0);
            MemberReceipt carolTicks = info.members().get(1);
            assertThat(bobTicks.delivered()).isTrue();
            assertThat(bobTicks.read()).isTrue();
            assertThat(bobTicks.readAt()).isNotNull();
            assertThat(carolTicks.delivered()).isTrue();
            assertThat(carolTicks.deliveredAt()).isNotNull();
            assertThat(carolTicks.read()).isFalse();
            assertThat(carolTicks.readAt()).isNull();
            // group read = the minimum over the others: not yet, carol has not read
            ChatSummary forAlice = api().chats(alice.token(), null, null).chats().getFirst();
            assertThat(forAlice.state().othersDelivered()).isEqualTo(3);
            assertThat(forAlice.state().othersRead()).isZero();
            carolDevice.connection().markRead(id, 3);
            aliceDevice.awaitWatermark(id, carol.userId(), 3, 3);
            assertThat(api().chats(alice.token(), null, null).chats().getFirst().state().othersRead()).isEqualTo(3);
            // the sender of message 3 (bob) is left out of its info
            assertThat(api().messageInfo(carol.token(), id, 3).members()).extracting(MemberReceipt::userId)
                    .containsExactly(alice.userId(), carol.userId());

            // dave joins: he sees the group from his "added" message on, not before
            GroupMembers members = api().addMembers(alice.token(), id, List.of(dave.userId()));
            assertThat(members.members()).extracting(GroupMember::userId)
                    .containsExactly(alice.userId(), bob.userId(), carol.userId(), dave.userId());
            ChatMessage added = daveDevice.awaitMessages(id, 1).getFirst();
            assertThat(added.seq()).isEqualTo(4);
            assertThat(event(added)).isEqualTo(SystemEventType.ADDED);
            assertThat(api().history(dave.token(), id, null, null, null).messages()).extracting(ChatMessage::seq)
                    .containsExactly(4L);
            assertThat(api().history(dave.token(), id, null, 0L, null).messages()).extracting(ChatMessage::seq)
                    .containsExactly(4L);
            assertThat(api().messageInfo(alice.token(), id, 2).members()).extracting(MemberReceipt::userId)
                    .doesNotContain(dave.userId());

            // carol is removed: she gets the removal, then nothing more
            api().removeMember(alice.token(), id, carol.userId());
            ChatMessage removed = carolDevice.awaitMessages(id, 5).getLast();
            assertThat(event(removed)).isEqualTo(SystemEventType.REMOVED);
            assertThat(aliceDevice.connection().send(id, "carol is out").get(30, TimeUnit.SECONDS).seq()).isEqualTo(6);
            daveDevice.awaitMessages(id, 3);
            assertThatCode(carolDevice.connection().send(id, "wait"), ErrorCode.NOT_FOUND);
            assertThat(http.call("GET", "/api/chats/" + id + "/messages", null, carol.token()).status()).isEqualTo(404);
            assertThat(http.call("GET", "/api/chats/" + id + "/members", null, carol.token()).status()).isEqualTo(404);
            assertThat(api().chats(carol.token(), null, null).chats()).extracting(ChatSummary::chatId).doesNotContain(id);
            assertThat(carolDevice.messages(id)).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L);

            // rename and admin changes are system messages too; everyone still in sees the same sequence
            api().renameGroup(alice.token(), id, "Climbing trip, July");
            api().setAdmin(alice.token(), id, bob.userId(), true);
            api().leaveGroup(alice.token(), id);
            List<ChatMessage> bobs = bobDevice.awaitMessages(id, 9);
            assertThat(bobs).extracting(GroupMessagingIT::event).containsExactly(SystemEventType.CREATED, null, null,
                    SystemEventType.ADDED, SystemEventType.REMOVED, null, SystemEventType.RENAMED,
                    SystemEventType.ADMIN_GRANTED, SystemEventType.LEFT);
            assertThat(daveDevice.awaitMessages(id, 6)).isEqualTo(bobs.subList(3, 9));
            GroupMembers after = api().groupMembers(dave.token(), id);
            assertThat(after.title()).isEqualTo("Climbing trip, July");
            assertThat(after.members()).extracting(GroupMember::userId, GroupMember::role).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(bob.userId(), MemberRole.ADMIN),
                    org.assertj.core.groups.Tuple.tuple(dave.userId(), MemberRole.MEMBER));
            assertThat(carolDevice.messages(id)).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void everyBadInputHasItsCodeAndChangesNothing() {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse carol = http.newUser("carol");
        LoginResponse outsider = http.newUser("erin");
        long id = api().createGroup(alice.token(), "Team", List.of(bob.userId()), false).chatId();
        String members = "/api/chats/" + id + "/members";

        expect(http.call("POST", "/api/groups", "{\"title\":\"   \",\"memberIds\":[]}", alice.token()),
                400, "invalid_title");
        expect(http.call("POST", "/api/groups", "{\"title\":\"" + "x".repeat(101) + "\"}", alice.token()),
                400, "invalid_title");
        expect(http.call("POST", "/api/groups", "{\"title\":\"T\",\"memberIds\":[987654321]}", alice.token()),
                404, "unknown_user");
        expect(http.call("POST", members, "{\"userIds\":[987654321]}", alice.token()), 404, "unknown_user");
        expect(http.call("POST", members, "{\"userIds\":[" + bob.userId() + "]}", alice.token()), 409,
                "already_member");
        expect(http.call("DELETE", members + "/" + carol.userId(), null, alice.token()), 409, "not_member");
        expect(http.call("POST", members, "{\"userIds\":[" + carol.userId() + "]}", bob.token()), 403, "forbidden");
        expect(http.call("DELETE", members + "/" + alice.userId(), null, bob.token()), 403, "forbidden");
        expect(http.call("POST", "/api/chats/" + id + "/title", "{\"title\":\"Mine\"}", bob.token()), 403, "forbidden");
        expect(http.call("POST", "/api/chats/" + id + "/admins/" + bob.userId(), null, bob.token()), 403, "forbidden");
        expect(http.call("POST", "/api/chats/" + id + "/title", "{\"title\":\"\"}", alice.token()), 400,
                "invalid_title");
        expect(http.call("POST", members, "{\"userIds\":[" + carol.userId() + "," + outsider.userId() + ","
                + http.newUser("f").userId() + ",  " + http.newUser("g").userId() + "]}", alice.token()), 409, "group_full");
        expect(http.call("POST", "/api/groups", "{\"title\":\"Big\",\"memberIds\":[" + bob.userId() + ","
                + carol.userId() + "," + outsider.userId() + "," + http.newUser("h").userId() + ","
                + http.newUser("i").userId() + "]}", alice.token()), 409, "group_full");
        // a non-member learns nothing, not even that the group exists
        expect(http.call("GET", members, null, outsider.token()), 404, "not_found");
        expect(http.call("POST", members, "{\"userIds\":[" + outsider.userId() + "]}", outsider.token()), 404,
                "not_found");
        expect(http.call("POST", "/api/chats/" + id + "/leave", null, outsider.token()), 404, "not_found");
        expect(http.call("GET", "/api/chats/" + id + "/messages/1/info", null, outsider.token()), 404, "not_found");
        expect(http.call("GET", "/api/chats/" + id + "/messages/99/info", null, alice.token()), 400,
                "seq_out_of_range");
        expect(http.call("PUT", members, "{}", alice.token()), 405, "method_not_allowed");
        expect(http.call("GET", "/api/chats/" + id + "/messages/1/other", null, alice.token()), 404, "not_found");

        GroupMembers unchanged = api().groupMembers(bob.token(), id);
        assertThat(unchanged.title()).isEqualTo("Team");
        assertThat(unchanged.members()).extracting(GroupMember::userId).containsExactly(alice.userId(), bob.userId());
        assertThat(api().history(alice.token(), id, null, null, null).messages()).hasSize(1);
        assertThat(api().chats(alice.token(), null, null).chats()).hasSize(1);
    }

    private static void expect(HttpProbe.Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.error().code().wire()).isEqualTo(code);
    }

    private static void assertThatCode(java.util.concurrent.CompletableFuture<?> send, ErrorCode code) {
        try {
            send.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the send was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(parley.client.ParleyException.class);
            assertThat(((parley.client.ParleyException) e.getCause()).code()).isEqualTo(code);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
