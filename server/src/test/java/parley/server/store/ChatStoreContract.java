package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.ReceiptKind;
import parley.protocol.model.UserRef;

/** The promises of {@link ChatStore}, for every implementation. */
public abstract class ChatStoreContract extends StoreContract {

    private long alice;
    private long bob;
    private long carol;

    @BeforeEach
    final void users() {
        alice = user("Alice");
        bob = user("bob");
        carol = user("carol");
    }

    @Test
    void aDirectChatIsTheSameChatFromEitherSide() {
        long chat = chats().openDirect(alice, bob, T0);

        assertThat(chats().openDirect(bob, alice, T0 + 1)).isEqualTo(chat);
        assertThat(chats().openDirect(alice, bob, T0 + 2)).isEqualTo(chat);
        assertThat(chats().members(chat)).containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void openingADirectChatConcurrentlyMakesOneChat() throws Exception {
        AtomicInteger turn = new AtomicInteger();
        List<Long> ids = concurrently(8, () -> turn.getAndIncrement() % 2 == 0
                ? chats().openDirect(alice, bob, T0)
                : chats().openDirect(bob, alice, T0));

        assertThat(Set.copyOf(ids)).hasSize(1);
        assertThat(chats().members(ids.getFirst())).containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void eachPairHasItsOwnChat() {
        long aliceBob = chats().openDirect(alice, bob, T0);
        long aliceCarol = chats().openDirect(alice, carol, T0);
        long bobCarol = chats().openDirect(carol, bob, T0);

        assertThat(Set.of(aliceBob, aliceCarol, bobCarol)).hasSize(3);
        assertThat(chats().members(bobCarol)).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void aChatWithOneselfHasOneMember() {
        long notes = chats().openDirect(alice, alice, T0);

        assertThat(chats().openDirect(alice, alice, T0 + 1)).isEqualTo(notes);
        assertThat(chats().members(notes)).containsExactly(alice);
        assertThat(chats().summary(notes, alice).orElseThrow().members())
                .containsExactly(new UserRef(alice, "Alice"));
    }

    @Test
    void onlyMembersAreMembers() {
        long chat = chats().openDirect(alice, bob, T0);

        assertThat(chats().isMember(chat, alice)).isTrue();
        assertThat(chats().isMember(chat, bob)).isTrue();
        assertThat(chats().isMember(chat, carol)).isFalse();
        assertThat(chats().isMember(987_654L, alice)).isFalse();
    }

    @Test
    void aNonMemberLearnsNothingOfAChat() {
        long chat = chats().openDirect(alice, bob, T0);

        assertThat(chats().summary(chat, carol)).isEmpty();
        assertThat(chats().summary(987_654L, alice)).isEmpty();
        assertThat(chats().members(987_654L)).isEmpty();
        assertThat(chats().listChats(carol, null, 10).chats()).isEmpty();
    }

    @Test
    void aNewChatIsEmptyAndActiveSinceItsCreation() {
        long chat = chats().openDirect(alice, bob, T0 + 7);

        ChatSummary summary = chats().summary(chat, alice).orElseThrow();

        assertThat(summary.chatId()).isEqualTo(chat);
        assertThat(summary.kind()).isEqualTo(ChatKind.DIRECT);
        assertThat(summary.members()).as("usernames as registered")
                .containsExactlyInAnyOrder(new UserRef(alice, "Alice"), new UserRef(bob, "bob"));
        assertThat(summary.state()).isEqualTo(new ChatState(chat, 0, 0, 0, 0, 0));
        assertThat(summary.lastMessage()).isNull();
        assertThat(summary.unread()).isZero();
        assertThat(summary.lastActivity()).isEqualTo(T0 + 7);
    }

    @Test
    void aSummaryShowsTheLastMessageAndCountsOnlyOthersUnreadMessages() {
        long chat = chats().openDirect(alice, bob, T0);
        send(chat, alice, "hi", T0 + 10);
        send(chat, alice, "are you there?", T0 + 11);
        ChatMessage reply = send(chat, bob, "yes", T0 + 12).message();

        ChatSummary bobs = chats().summary(chat, bob).orElseThrow();
        assertThat(bobs.lastMessage()).isEqualTo(reply);
        assertThat(bobs.lastActivity()).isEqualTo(T0 + 12);
        assertThat(bobs.unread()).as("alice's two messages").isEqualTo(2);
        assertThat(chats().summary(chat, alice).orElseThrow().unread()).as("bob's reply").isEqualTo(1);

        messages().advance(List.of(new Advance(chat, bob, ReceiptKind.READ, 2)), T0 + 13);

        assertThat(chats().summary(chat, bob).orElseThrow().unread()).isZero();
        assertThat(chats().summary(chat, bob).orElseThrow().state())
                .isEqualTo(new ChatState(chat, 3, 2, 2, 0, 0));
        assertThat(chats().summary(chat, alice).orElseThrow().state())
                .as("alice sees bob's watermarks as the others'")
                .isEqualTo(new ChatState(chat, 3, 0, 0, 2, 2));
    }

    @Test
    void theChatListRunsFromTheNewestActivity() {
        long withBob = chats().openDirect(alice, bob, T0 + 1);
        long withCarol = chats().openDirect(alice, carol, T0 + 2);
        long notes = chats().openDirect(alice, alice, T0 + 3);
        send(withBob, bob, "news", T0 + 4);

        ChatPage page = chats().listChats(alice, null, 10);

        assertThat(page.chats()).extracting(ChatSummary::chatId).containsExactly(withBob, notes, withCarol);
        assertThat(page.next()).isNull();
        assertThat(page.chats().getFirst().unread()).isEqualTo(1);
    }

    @Test
    void chatsWithTheSameActivityAreListedByHigherIdFirst() {
        long withBob = chats().openDirect(alice, bob, T0);
        long withCarol = chats().openDirect(alice, carol, T0);
        long notes = chats().openDirect(alice, alice, T0);

        List<Long> listed = chats().listChats(alice, null, 10).chats().stream().map(ChatSummary::chatId).toList();

        assertThat(listed).containsExactlyElementsOf(
                List.of(withBob, withCarol, notes).stream().sorted((x, y) -> Long.compare(y, x)).toList());
    }

    @Test
    void theChatListPagesWithItsCursor() {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long other = user("friend" + i);
            all.add(chats().openDirect(alice, other, T0 + (i % 2)));
        }
        List<Long> expected = chats().listChats(alice, null, 10).chats().stream().map(ChatSummary::chatId).toList();
        assertThat(expected).containsExactlyInAnyOrderElementsOf(all);

        List<Long> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            ChatPage page = chats().listChats(alice, cursor, 2);
            page.chats().forEach(summary -> paged.add(summary.chatId()));
            sizes.add(page.chats().size());
            cursor = page.next();
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        chats().openDirect(alice, bob, T0);
        chats().openDirect(alice, carol, T0);

        ChatPage page = chats().listChats(alice, null, 2);

        assertThat(page.chats()).hasSize(2);
        assertThat(page.next()).isNull();
    }

    @Test
    void aChatListOnlyHoldsTheUsersChats() {
        long withBob = chats().openDirect(alice, bob, T0);
        chats().openDirect(bob, carol, T0);

        assertThat(chats().listChats(alice, null, 10).chats()).extracting(ChatSummary::chatId)
                .containsExactly(withBob);
        assertThat(chats().listChats(bob, null, 10).chats()).hasSize(2);
    }

    @Test
    void aCursorTheStoreDidNotMakeIsRejected() {
        chats().openDirect(alice, bob, T0);

        for (String bad : List.of("", "garbage", "12", ":", "12:", ":12", "a:b", "1:2:3")) {
            assertThatThrownBy(() -> chats().listChats(alice, bad, 10))
                    .as("cursor \"%s\"", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void chatsAndTheirStateSurviveARestart() {
        long chat = chats().openDirect(alice, bob, T0);
        send(chat, alice, "hello", T0 + 1);
        messages().advance(List.of(new Advance(chat, bob, ReceiptKind.DELIVERED, 1)), T0 + 2);
        ChatSummary before = chats().summary(chat, alice).orElseThrow();

        reopen();

        assertThat(chats().openDirect(bob, alice, T0 + 3)).isEqualTo(chat);
        assertThat(chats().members(chat)).containsExactlyInAnyOrder(alice, bob);
        assertThat(chats().summary(chat, alice)).contains(before);
        assertThat(chats().listChats(alice, null, 10).chats()).containsExactly(before);
        assertThat(before.state()).isEqualTo(new ChatState(chat, 1, 0, 0, 1, 0));
    }
}
