package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.api.GroupMember;
import parley.protocol.api.MemberReceipt;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.MemberRole;
import parley.protocol.model.MessageKind;
import parley.protocol.model.ReceiptKind;
import parley.protocol.model.SystemEvent;
import parley.protocol.model.SystemEventType;

/** The promises of {@link GroupStore}, for every implementation. */
public abstract class GroupStoreContract extends StoreContract {
    private static final int MAX = 4;

    private long alice;
    private long bob;
    private long carol;
    private long dave;
    private long erin;

    @BeforeEach
    final void users() {
        alice = user("alice");
        bob = user("bob");
        carol = user("carol");
        dave = user("dave");
        erin = user("erin");
    }

    private GroupStore groups() {
        return storage.groups();
    }

    private long group(long creator, long... others) {
        GroupChange change = groups().create(new GroupCommand.Create(creator, "Trip",
                java.util.Arrays.stream(others).boxed().toList(), false), MAX, T0);
        return ((GroupChange.Applied) change).chatId();
    }

    private GroupChange.Applied applied(GroupCommand command) {
        GroupChange change = groups().change(command, MAX, T0 + 5);
        assertThat(change).isInstanceOf(GroupChange.Applied.class);
        return (GroupChange.Applied) change;
    }

    private ErrorCode refused(GroupCommand command) {
        GroupChange change = groups().change(command, MAX, T0 + 5);
        assertThat(change).isInstanceOf(GroupChange.Refused.class);
        return ((GroupChange.Refused) change).code();
    }

    private List<ChatMessage> all(long chat) {
        return messages().history(chat, new HistoryQuery(null, 0L, 500)).messages();
    }

    @Test
    void creatingAGroupStoresItsCreatedMessageAsSeqOne() {
        GroupChange.Applied created = (GroupChange.Applied) groups().create(
                new GroupCommand.Create(alice, "Trip", List.of(bob, carol, bob), false), MAX, T0);
        long chat = created.chatId();

        assertThat(created.audience()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(chats().members(chat)).containsExactlyInAnyOrder(alice, bob, carol);
        ChatMessage first = all(chat).getFirst();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.kind()).isEqualTo(MessageKind.SYSTEM);
        assertThat(first.text()).isEmpty();
        assertThat(first.event()).isEqualTo(new SystemEvent(SystemEventType.CREATED, alice, List.of(bob, carol), "Trip"));
        assertThat(chats().summary(chat, bob).orElseThrow().kind()).isEqualTo(ChatKind.GROUP);
        assertThat(chats().summary(chat, bob).orElseThrow().title()).isEqualTo("Trip");
        List<GroupMember> members = groups().members(chat, bob).orElseThrow().members();
        assertThat(members).extracting(GroupMember::userId).containsExactly(alice, bob, carol);
        assertThat(members.getFirst().role()).isEqualTo(MemberRole.ADMIN);
        assertThat(members.get(1).role()).isEqualTo(MemberRole.MEMBER);
    }

    @Test
    void creatingWithAnUnknownUserOrPastTheLimitCreatesNothing() {
        GroupChange unknown = groups().create(new GroupCommand.Create(alice, "T", List.of(bob, 999_999L), false), MAX, T0);
        GroupChange full = groups().create(new GroupCommand.Create(alice, "T", List.of(bob, carol, dave, erin), false),
                MAX, T0);

        assertThat(((GroupChange.Refused) unknown).code()).isEqualTo(ErrorCode.UNKNOWN_USER);
        assertThat(((GroupChange.Refused) full).code()).isEqualTo(ErrorCode.GROUP_FULL);
        assertThat(chats().listChats(alice, null, 10).chats()).isEmpty();
    }

    @Test
    void membershipChangesAreSystemMessagesInTheChatsOwnSequence() {
        long chat = group(alice, bob);
        send(chat, bob, "hi", T0 + 1);

        GroupChange.Applied added = applied(new GroupCommand.Add(chat, alice, List.of(carol)));
        send(chat, carol, "hello", T0 + 6);
        applied(new GroupCommand.Rename(chat, alice, "Trip 2"));
        applied(new GroupCommand.SetAdmin(chat, alice, bob, true));
        GroupChange.Applied removed = applied(new GroupCommand.Remove(chat, bob, carol));

        assertThat(added.message().orElseThrow().seq()).isEqualTo(3);
        assertThat(added.audience()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(removed.audience()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(all(chat)).extracting(m -> m.event() == null ? null : m.event().type()).containsExactly(
                SystemEventType.CREATED, null, SystemEventType.ADDED, null, SystemEventType.RENAMED,
                SystemEventType.ADMIN_GRANTED, SystemEventType.REMOVED);
        assertThat(all(chat)).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(chats().isMember(chat, carol)).isFalse();
        assertThat(groups().members(chat, carol)).isEmpty();
        assertThat(stored(messages().append(List.of(text(chat, alice, "after")), T0 + 9).getFirst()).members())
                .containsExactlyInAnyOrder(alice, bob);
        assertThat(messages().append(List.of(text(chat, carol, "let me in")), T0 + 9).getFirst())
                .isInstanceOf(AppendResult.NotMember.class);
        assertThat(chats().summary(chat, alice).orElseThrow().title()).isEqualTo("Trip 2");
    }

    @Test
    void aNewMembersWatermarksStartBelowTheirJoiningSoTheGroupMinimumHolds() {
        long chat = group(alice, bob);
        send(chat, alice, "one", T0 + 1);
        messages().advance(List.of(new Advance(chat, bob, ReceiptKind.READ, 2)), T0 + 2);

        applied(new GroupCommand.Add(chat, alice, List.of(carol)));

        assertThat(groups().joinedSeqs(carol)).isEqualTo(Map.of(chat, 3L));
        assertThat(groups().joinedSeqs(bob)).isEmpty();
        ChatState state = chats().summary(chat, alice).orElseThrow().state();
        assertThat(state.othersRead()).isEqualTo(2);
        assertThat(chats().summary(chat, carol).orElseThrow().unread()).isEqualTo(1);
    }

    @Test
    void messageInfoListsEveryOtherMemberWithTheirTicks() {
        long chat = group(alice, bob, carol);
        send(chat, alice, "one", T0 + 1);
        messages().advance(List.of(new Advance(chat, bob, ReceiptKind.READ, 2),
                new Advance(chat, carol, ReceiptKind.DELIVERED, 2)), T0 + 3);

        List<MemberReceipt> info = groups().info(chat, 2, bob).orElseThrow().members();

        assertThat(info).containsExactly(new MemberReceipt(bob, "bob", true, T0 + 3, true, T0 + 3),
                new MemberReceipt(carol, "carol", true, T0 + 3, false, null));
        assertThat(groups().info(chat, 2, dave)).isEmpty();
        assertThat(groups().info(chat, 99, alice)).isEmpty();
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        long chat = group(alice, bob, carol);

        assertThat(refused(new GroupCommand.Add(chat, bob, List.of(dave)))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused(new GroupCommand.Rename(chat, bob, "Mine"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused(new GroupCommand.Remove(chat, bob, carol))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused(new GroupCommand.SetAdmin(chat, bob, bob, true))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused(new GroupCommand.Add(chat, alice, List.of(bob)))).isEqualTo(ErrorCode.ALREADY_MEMBER);
        assertThat(refused(new GroupCommand.Add(chat, alice, List.of(123_456L)))).isEqualTo(ErrorCode.UNKNOWN_USER);
        assertThat(refused(new GroupCommand.Add(chat, alice, List.of(dave, erin)))).isEqualTo(ErrorCode.GROUP_FULL);
        assertThat(refused(new GroupCommand.Remove(chat, alice, dave))).isEqualTo(ErrorCode.NOT_MEMBER);
        assertThat(refused(new GroupCommand.Leave(chat, dave))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused(new GroupCommand.Add(chat + 1000, alice, List.of(dave)))).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(messages().lastSeq(chat)).isEqualTo(1);
        assertThat(chats().members(chat)).containsExactlyInAnyOrder(alice, bob, carol);
    }

    @Test
    void whenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() {
        long chat = group(alice, bob);
        applied(new GroupCommand.Add(chat, alice, List.of(carol)));

        GroupChange.Applied left = applied(new GroupCommand.Leave(chat, alice));

        assertThat(left.message().orElseThrow().event()).isEqualTo(
                new SystemEvent(SystemEventType.LEFT, alice, List.of(alice, bob), null));
        assertThat(groups().members(chat, bob).orElseThrow().members())
                .extracting(GroupMember::userId, GroupMember::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob, MemberRole.ADMIN),
                        org.assertj.core.groups.Tuple.tuple(carol, MemberRole.MEMBER));
    }

    @Test
    void aGroupThatLetsMembersAddLetsThemAdd() {
        long chat = ((GroupChange.Applied) groups().create(
                new GroupCommand.Create(alice, "Open", List.of(bob), true), MAX, T0)).chatId();

        applied(new GroupCommand.Add(chat, bob, List.of(carol)));

        assertThat(chats().members(chat)).containsExactlyInAnyOrder(alice, bob, carol);
    }

    @Test
    void systemMessagesSurviveAReopen() {
        long chat = group(alice, bob);
        applied(new GroupCommand.Rename(chat, alice, "A | title, with | bars"));

        reopen();

        assertThat(all(chat).getLast().event().title()).isEqualTo("A | title, with | bars");
    }
}
