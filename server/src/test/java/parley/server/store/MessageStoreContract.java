package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.MessageKind;
import parley.protocol.model.MessagePage;
import parley.protocol.model.ReceiptKind;
import parley.server.store.AdvanceResult.Moved;
import parley.server.store.AdvanceResult.NotMember;
import parley.server.store.AdvanceResult.OutOfRange;
import parley.server.store.AdvanceResult.Unchanged;

/**
 * The promises of {@link MessageStore}, for every implementation, grouped by promise: gap-free
 * order, exactly once, members only and all-or-nothing batches, forward-only watermarks, history
 * pages, and the sync walk.
 */
public abstract class MessageStoreContract extends StoreContract {

    /**
     * A text this store refuses to store (one past its size ceiling, say), to make a batch's
     * transaction fail halfway through.
     */
    protected abstract String textTheStoreRejects();

    private long alice;
    private long bob;
    private long carol;
    private long chat;

    @BeforeEach
    final void aliceAndBobChat() {
        alice = user("alice");
        bob = user("bob");
        carol = user("carol");
        chat = chats().openDirect(alice, bob, T0);
    }

    // ---- order ----

    @Test
    void seqsRunOneToNWithinABatchAndAcrossBatches() {
        List<AppendResult> first = messages().append(List.of(
                text(chat, alice, "one"), text(chat, bob, "two"), text(chat, alice, "three")), T0 + 1);
        List<AppendResult> second = messages().append(List.of(
                text(chat, bob, "four"), text(chat, bob, "five")), T0 + 2);

        assertThat(first).map(r -> stored(r).message().seq()).containsExactly(1L, 2L, 3L);
        assertThat(second).map(r -> stored(r).message().seq()).containsExactly(4L, 5L);
        assertThat(messages().lastSeq(chat)).isEqualTo(5);
        assertThat(newest(10).messages())
                .extracting(ChatMessage::seq, ChatMessage::text, ChatMessage::serverTime)
                .containsExactly(
                        tuple(1L, "one", T0 + 1),
                        tuple(2L, "two", T0 + 1),
                        tuple(3L, "three", T0 + 1),
                        tuple(4L, "four", T0 + 2),
                        tuple(5L, "five", T0 + 2));
    }

    @Test
    void eachChatCountsItsOwnSeqs() {
        long other = chats().openDirect(alice, carol, T0);

        List<AppendResult> results = messages().append(List.of(
                text(chat, alice, "a1"), text(other, alice, "b1"), text(other, carol, "b2"),
                text(chat, bob, "a2"), text(other, alice, "b3")), T0 + 1);

        assertThat(results).map(r -> stored(r).message().chatId() + "#" + stored(r).message().seq())
                .containsExactly(chat + "#1", other + "#1", other + "#2", chat + "#2", other + "#3");
        assertThat(messages().lastSeq(chat)).isEqualTo(2);
        assertThat(messages().lastSeq(other)).isEqualTo(3);
    }

    @Test
    void aStoredMessageIsWhatWasSentWithTheServerTime() {
        UUID id = UUID.randomUUID();

        AppendResult.Stored result = stored(messages().append(List.of(text(chat, alice, id, "hello")), T0 + 9)
                .getFirst());

        assertThat(result.duplicate()).isFalse();
        assertThat(result.message()).isEqualTo(new ChatMessage(chat, 1, alice, id,
                MessageKind.TEXT, "hello", T0 + 9));
        assertThat(result.members()).as("the audience").containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void aTextIsStoredExactlyAsSentWhateverCharactersItHolds() {
        String text = "nul \u0000 emoji \uD83C\uDF89 accents \u00E9 CJK \u6F22\u5B57 RTL \u05E9\u05DC\u05D5\u05DD\nline\ttab";

        ChatMessage sent = send(chat, alice, text, T0 + 1).message();

        assertThat(sent.text()).isEqualTo(text);
        assertThat(newest(1).messages()).containsExactly(sent);
        assertThat(chats().summary(chat, bob).orElseThrow().lastMessage()).isEqualTo(sent);
    }

    @Test
    void concurrentSendersToOneChatGetSeqsOneToNWithoutRepeat() throws Exception {
        int threads = 8;
        int perThread = 25;
        AtomicInteger turn = new AtomicInteger();
        List<List<Long>> seqsByThread = concurrently(threads, () -> {
            long sender = turn.getAndIncrement() % 2 == 0 ? alice : bob;
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                seqs.add(send(chat, sender, "message " + i, T0 + i).message().seq());
            }
            return seqs;
        });

        long total = (long) threads * perThread;
        List<Long> all = seqsByThread.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        seqsByThread.forEach(seqs -> assertThat(seqs).as("one thread's sends").isSorted());
        assertThat(messages().lastSeq(chat)).isEqualTo(total);
        assertThat(newest((int) total).messages()).extracting(ChatMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }

    @Test
    void messagesSurviveARestartAndTheOrderGoesOn() {
        messages().append(List.of(text(chat, alice, "one"), text(chat, bob, "two")), T0 + 1);
        MessagePage before = newest(10);

        reopen();

        assertThat(newest(10)).isEqualTo(before);
        assertThat(send(chat, alice, "three", T0 + 2).message().seq()).isEqualTo(3);
    }

    // ---- exactly once ----

    @Test
    void aRepeatedClientIdInOneBatchIsTheFirstMessage() {
        UUID id = UUID.randomUUID();

        List<AppendResult> results = messages().append(List.of(
                text(chat, alice, id, "first"), text(chat, alice, id, "retry")), T0 + 1);

        AppendResult.Stored original = stored(results.get(0));
        AppendResult.Stored retry = stored(results.get(1));
        assertThat(original.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original.message());
        assertThat(retry.members()).containsExactlyInAnyOrder(alice, bob);
        assertThat(newest(10).messages()).containsExactly(original.message());
    }

    @Test
    void aRetryInALaterBatchReturnsTheOriginalSeqAndTime() {
        UUID id = UUID.randomUUID();
        ChatMessage original = stored(messages().append(List.of(text(chat, alice, id, "hi")), T0 + 1)
                .getFirst()).message();
        send(chat, bob, "something else", T0 + 2);

        AppendResult.Stored retry = stored(messages().append(List.of(text(chat, alice, id, "hi")), T0 + 3)
                .getFirst());

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original);
        assertThat(retry.message().serverTime()).isEqualTo(T0 + 1);
        assertThat(messages().lastSeq(chat)).isEqualTo(2);
        assertThat(newest(10).messages()).extracting(ChatMessage::clientMsgId).containsOnlyOnce(id);
    }

    @Test
    void aRetryAfterARestartReturnsTheOriginal() {
        UUID id = UUID.randomUUID();
        ChatMessage original = stored(messages().append(List.of(text(chat, alice, id, "hi")), T0 + 1)
                .getFirst()).message();

        reopen();
        AppendResult.Stored retry = stored(messages().append(List.of(text(chat, alice, id, "hi")), T0 + 5)
                .getFirst());

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original);
        assertThat(newest(10).messages()).containsExactly(original);
    }

    @Test
    void theSameClientIdFromAnotherSenderIsAnotherMessage() {
        UUID id = UUID.randomUUID();

        List<AppendResult> results = messages().append(List.of(
                text(chat, alice, id, "from alice"), text(chat, bob, id, "from bob")), T0 + 1);

        assertThat(results).map(r -> stored(r).duplicate()).containsExactly(false, false);
        assertThat(results).map(r -> stored(r).message().seq()).containsExactly(1L, 2L);
    }

    @Test
    void theSameClientIdInAnotherChatIsAnotherMessage() {
        long other = chats().openDirect(alice, carol, T0);
        UUID id = UUID.randomUUID();

        AppendResult.Stored here = stored(messages().append(List.of(text(chat, alice, id, "x")), T0 + 1).getFirst());
        AppendResult.Stored there = stored(messages().append(List.of(text(other, alice, id, "x")), T0 + 2).getFirst());

        assertThat(there.duplicate()).isFalse();
        assertThat(there.message().chatId()).isEqualTo(other);
        assertThat(there.message().seq()).isEqualTo(1);
        assertThat(here.message().chatId()).isEqualTo(chat);
    }

    // ---- members only, all or nothing ----

    @Test
    void aNonMemberStoresNothing() {
        List<AppendResult> results = messages().append(List.of(
                text(chat, alice, "ok"), text(chat, carol, "intruder"), text(987_654L, alice, "nowhere"),
                text(chat, bob, "ok too")), T0 + 1);

        assertThat(results.get(1)).isInstanceOf(AppendResult.NotMember.class);
        assertThat(results.get(2)).isInstanceOf(AppendResult.NotMember.class);
        assertThat(List.of(results.get(0), results.get(3))).map(r -> stored(r).message().seq())
                .as("no gap left by the refused ones").containsExactly(1L, 2L);
        assertThat(newest(10).messages()).extracting(ChatMessage::senderId).containsExactly(alice, bob);
        assertThat(messages().lastSeq(987_654L)).isZero();
    }

    @Test
    void aBatchWhoseTransactionFailsLeavesNothingBehind() {
        UUID id = UUID.randomUUID();
        List<Append> batch = List.of(text(chat, alice, id, "first"), text(chat, bob, textTheStoreRejects()));

        assertThatThrownBy(() -> messages().append(batch, T0 + 1)).isInstanceOf(RuntimeException.class);

        assertThat(messages().lastSeq(chat)).isZero();
        assertThat(newest(10).messages()).isEmpty();
        assertThat(chats().summary(chat, alice).orElseThrow().lastActivity()).isEqualTo(T0);
        AppendResult.Stored retry = stored(messages().append(List.of(text(chat, alice, id, "first")), T0 + 2)
                .getFirst());
        assertThat(retry.duplicate()).as("the first append was rolled back too").isFalse();
        assertThat(retry.message().seq()).isEqualTo(1);
        reopen();
        assertThat(newest(10).messages()).containsExactly(retry.message());
    }

    @Test
    void anEmptyBatchDoesNothing() {
        assertThat(messages().append(List.of(), T0)).isEmpty();
        assertThat(messages().advance(List.of(), T0)).isEmpty();
    }

    // ---- watermarks ----

    @Test
    void aWatermarkOnlyMovesForward() {
        sendThree();

        assertMoved(advance(bob, ReceiptKind.DELIVERED, 2, T0 + 10), bob, 2, 0, T0 + 10);
        assertThat(advance(bob, ReceiptKind.DELIVERED, 1, T0 + 11)).isInstanceOf(Unchanged.class);
        assertThat(advance(bob, ReceiptKind.DELIVERED, 2, T0 + 12)).isInstanceOf(Unchanged.class);
        assertMoved(advance(bob, ReceiptKind.DELIVERED, 3, T0 + 13), bob, 3, 0, T0 + 13);
    }

    @Test
    void readingAlsoMarksDelivered() {
        sendThree();

        assertMoved(advance(bob, ReceiptKind.READ, 2, T0 + 10), bob, 2, 2, T0 + 10);
        assertThat(advance(bob, ReceiptKind.DELIVERED, 2, T0 + 11)).isInstanceOf(Unchanged.class);
        assertThat(advance(bob, ReceiptKind.READ, 1, T0 + 12)).isInstanceOf(Unchanged.class);
        assertMoved(advance(bob, ReceiptKind.DELIVERED, 3, T0 + 13), bob, 3, 2, T0 + 13);
        assertMoved(advance(bob, ReceiptKind.READ, 3, T0 + 14), bob, 3, 3, T0 + 14);
    }

    @Test
    void aWatermarkNeverPassesTheLastSeq() {
        sendThree();

        assertThat(advance(bob, ReceiptKind.DELIVERED, 4, T0 + 10)).isEqualTo(new OutOfRange(3));
        assertThat(advance(bob, ReceiptKind.READ, 99, T0 + 10)).isEqualTo(new OutOfRange(3));
        assertThat(advance(bob, ReceiptKind.READ, 0, T0 + 10)).isInstanceOf(Unchanged.class);
        assertThat(advance(bob, ReceiptKind.READ, -1, T0 + 10)).isInstanceOf(Unchanged.class);
        assertThat(bobsState()).isEqualTo(new ChatState(chat, 3, 0, 0, 0, 0));
    }

    @Test
    void aNonMemberMovesNoWatermark() {
        sendThree();

        assertThat(advance(carol, ReceiptKind.READ, 1, T0 + 10)).isInstanceOf(NotMember.class);
        assertThat(messages().advance(List.of(new Advance(987_654L, alice, ReceiptKind.READ, 1)), T0 + 10))
                .singleElement().isInstanceOf(NotMember.class);
        assertThat(chats().summary(chat, alice).orElseThrow().state().othersRead()).isZero();
    }

    @Test
    void theAdvancesOfABatchApplyInOrder() {
        sendThree();

        List<AdvanceResult> results = messages().advance(List.of(
                new Advance(chat, bob, ReceiptKind.DELIVERED, 1),
                new Advance(chat, bob, ReceiptKind.DELIVERED, 1),
                new Advance(chat, bob, ReceiptKind.READ, 2),
                new Advance(chat, alice, ReceiptKind.READ, 3),
                new Advance(chat, bob, ReceiptKind.DELIVERED, 3)), T0 + 10);

        assertThat(results).hasSize(5);
        assertMoved(results.get(0), bob, 1, 0, T0 + 10);
        assertThat(results.get(1)).isInstanceOf(Unchanged.class);
        assertMoved(results.get(2), bob, 2, 2, T0 + 10);
        assertMoved(results.get(3), alice, 3, 3, T0 + 10);
        assertMoved(results.get(4), bob, 3, 2, T0 + 10);
    }

    @Test
    void watermarksSurviveARestart() {
        sendThree();
        advance(bob, ReceiptKind.DELIVERED, 3, T0 + 10);
        advance(bob, ReceiptKind.READ, 2, T0 + 11);

        reopen();

        assertThat(bobsState()).isEqualTo(new ChatState(chat, 3, 3, 2, 0, 0));
        assertThat(advance(bob, ReceiptKind.READ, 2, T0 + 12)).isInstanceOf(Unchanged.class);
    }

    // ---- history ----

    @Test
    void theNewestPageEndsAtTheLastMessage() {
        sendMany(chat, 10);

        assertPage(newest(3), List.of(8L, 9L, 10L), true);
        assertPage(newest(10), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), false);
        assertPage(newest(50), LongStream.rangeClosed(1, 10).boxed().toList(), false);
    }

    @Test
    void pagesBeforeASeqGoBackInTime() {
        sendMany(chat, 10);

        assertPage(history(8L, null, 3), List.of(5L, 6L, 7L), true);
        assertPage(history(5L, null, 3), List.of(2L, 3L, 4L), true);
        assertPage(history(4L, null, 3), List.of(1L, 2L, 3L), false);
        assertPage(history(3L, null, 5), List.of(1L, 2L), false);
        assertPage(history(1L, null, 5), List.of(), false);
    }

    @Test
    void pagesAfterASeqGoForwardInTime() {
        sendMany(chat, 10);

        assertPage(history(null, 0L, 4), List.of(1L, 2L, 3L, 4L), true);
        assertPage(history(null, 6L, 4), List.of(7L, 8L, 9L, 10L), false);
        assertPage(history(null, 8L, 4), List.of(9L, 10L), false);
        assertPage(history(null, 10L, 4), List.of(), false);
    }

    @Test
    void anEmptyOrUnknownChatHasAnEmptyHistory() {
        assertPage(newest(5), List.of(), false);
        assertThat(messages().history(987_654L, new HistoryQuery(null, null, 5)))
                .isEqualTo(new MessagePage(987_654L, List.of(), false));
    }

    @Test
    void historyStaysInsideItsChat() {
        long other = chats().openDirect(alice, carol, T0);
        sendMany(other, 3);
        sendMany(chat, 2);
        sendMany(other, 3);

        assertThat(newest(10).messages()).extracting(ChatMessage::chatId).containsOnly(chat).hasSize(2);
    }

    // ---- sync ----

    @Test
    void syncReturnsWhatEachChatMissedAfterItsSeq() {
        long withCarol = chats().openDirect(alice, carol, T0);
        long notes = chats().openDirect(alice, alice, T0);
        sendMany(chat, 3);
        sendMany(withCarol, 2);

        SyncPage page = messages().sync(alice, Map.of(chat, 1L), 0, 100, 100);

        assertThat(page.messages()).extracting(m -> m.chatId() + "#" + m.seq())
                .containsExactlyElementsOf(byChat(List.of(chat + "#2", chat + "#3"),
                        List.of(withCarol + "#1", withCarol + "#2"), chat, withCarol));
        assertThat(page.chats()).extracting(ChatState::chatId)
                .containsExactlyElementsOf(sorted(chat, withCarol, notes));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void syncStatesCarryBothSidesWatermarks() {
        long notes = chats().openDirect(alice, alice, T0);
        sendMany(chat, 3);
        sendMany(notes, 2);
        advance(bob, ReceiptKind.DELIVERED, 3, T0 + 10);
        advance(bob, ReceiptKind.READ, 2, T0 + 11);
        messages().advance(List.of(new Advance(notes, alice, ReceiptKind.READ, 2)), T0 + 12);

        assertThat(messages().sync(alice, Map.of(), 0, 100, 100).chats()).containsExactlyElementsOf(
                sortedStates(new ChatState(chat, 3, 0, 0, 3, 2), new ChatState(notes, 2, 2, 2, 2, 2)));
        assertThat(messages().sync(bob, Map.of(chat, 3L), 0, 100, 100).chats())
                .containsExactly(new ChatState(chat, 3, 3, 2, 0, 0));
    }

    @Test
    void syncIgnoresChatsTheUserIsNotIn() {
        long bobAndCarol = chats().openDirect(bob, carol, T0);
        sendMany(bobAndCarol, 2);

        SyncPage page = messages().sync(alice, Map.of(bobAndCarol, 0L), 0, 100, 100);

        assertThat(page.chats()).extracting(ChatState::chatId).containsExactly(chat);
        assertThat(page.messages()).isEmpty();
        assertThat(messages().sync(user("dave"), Map.of(), 0, 100, 100))
                .isEqualTo(new SyncPage(List.of(), List.of(), Optional.empty()));
    }

    @Test
    void syncStartsAtTheChatItIsToldToContinueFrom() {
        long withCarol = chats().openDirect(alice, carol, T0);
        long notes = chats().openDirect(alice, alice, T0);
        List<Long> ids = sorted(chat, withCarol, notes);

        SyncPage page = messages().sync(alice, Map.of(), ids.get(1), 100, 100);

        assertThat(page.chats()).extracting(ChatState::chatId).containsExactly(ids.get(1), ids.get(2));
    }

    @Test
    void syncCutsAChatThatDoesNotFitAndContinuesInIt() {
        long withCarol = chats().openDirect(alice, carol, T0);
        long first = Math.min(chat, withCarol);
        long second = Math.max(chat, withCarol);
        sendMany(first, 5);
        sendMany(second, 3);

        SyncPage page = messages().sync(alice, Map.of(), 0, 3, 100);

        assertThat(page.messages()).extracting(ChatMessage::chatId, ChatMessage::seq).containsExactly(
                tuple(first, 1L),
                tuple(first, 2L),
                tuple(first, 3L));
        assertThat(page.chats()).extracting(ChatState::chatId).containsExactly(first);
        assertThat(page.next()).contains(first);

        SyncPage rest = messages().sync(alice, Map.of(first, 3L), first, 3, 100);

        assertThat(rest.messages()).extracting(ChatMessage::chatId, ChatMessage::seq).containsExactly(
                tuple(first, 4L),
                tuple(first, 5L),
                tuple(second, 1L));
        assertThat(rest.next()).contains(second);
    }

    @Test
    void pagesStopAtTheirByteBudgetKeepingTheMessagesNearestTheAnchor() {
        String kilobyte = "k".repeat(1024);
        for (int i = 0; i < 10; i++) {
            messages().append(List.of(text(chat, alice, kilobyte)), T0 + i);
        }

        MessagePage newest = messages().history(chat, new HistoryQuery(null, null, 100, 3 * 1024));
        MessagePage oldest = messages().history(chat, new HistoryQuery(null, 0L, 100, 3 * 1024));
        MessagePage tiny = messages().history(chat, new HistoryQuery(null, 0L, 100, 1));

        assertThat(newest.messages()).extracting(ChatMessage::seq).containsExactly(8L, 9L, 10L);
        assertThat(newest.more()).isTrue();
        assertThat(oldest.messages()).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(oldest.more()).isTrue();
        assertThat(tiny.messages()).as("a page always makes progress").extracting(ChatMessage::seq)
                .containsExactly(1L);

        SyncPage sync = messages().sync(bob, Map.of(), 0, 100, 100, 4 * 1024);
        assertThat(sync.messages()).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sync.next()).contains(chat);
        SyncPage rest = messages().sync(bob, Map.of(chat, 4L), chat, 100, 100, 100 * 1024);
        assertThat(rest.messages()).extracting(ChatMessage::seq).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(rest.next()).isEmpty();
    }

    @Test
    void aSyncWalkInSmallPagesDeliversEveryMissedMessageOnce() {
        List<Long> ids = new ArrayList<>(List.of(chat));
        for (int i = 0; i < 4; i++) {
            ids.add(chats().openDirect(alice, user("friend" + i), T0));
        }
        for (int i = 0; i < ids.size(); i++) {
            sendMany(ids.get(i), i * 2);
        }
        long expected = ids.stream().mapToLong(id -> messages().lastSeq(id)).sum();

        Map<Long, Long> since = new HashMap<>();
        List<ChatMessage> received = new ArrayList<>();
        long fromChat = 0;
        for (int round = 0; round < 50; round++) {
            SyncPage page = messages().sync(alice, since, fromChat, 3, 2);
            for (ChatMessage message : page.messages()) {
                received.add(message);
                since.merge(message.chatId(), message.seq(), Math::max);
            }
            if (page.next().isEmpty()) {
                break;
            }
            fromChat = page.next().get();
        }

        assertThat(received).hasSize((int) expected).doesNotHaveDuplicates();
        assertThat(since).hasSize(4);
        assertThat(since).allSatisfy((id, seq) -> assertThat(seq).isEqualTo(messages().lastSeq(id)));
    }

    @Test
    void syncStopsAfterMaxChatsAndContinuesAfterTheLast() {
        long withCarol = chats().openDirect(alice, carol, T0);
        long notes = chats().openDirect(alice, alice, T0);
        List<Long> ids = sorted(chat, withCarol, notes);

        SyncPage page = messages().sync(alice, Map.of(), 0, 100, 2);

        assertThat(page.chats()).extracting(ChatState::chatId).containsExactly(ids.get(0), ids.get(1));
        assertThat(page.next()).contains(ids.get(1) + 1);

        SyncPage rest = messages().sync(alice, Map.of(), page.next().get(), 100, 2);

        assertThat(rest.chats()).extracting(ChatState::chatId).containsExactly(ids.get(2));
        assertThat(rest.next()).isEmpty();
    }

    @Test
    void aSyncPageFilledExactlyByOneChatContinuesAtTheNextChatThatMissedSome() {
        long withCarol = chats().openDirect(alice, carol, T0);
        long first = Math.min(chat, withCarol);
        long second = Math.max(chat, withCarol);
        sendMany(first, 2);
        sendMany(second, 1);

        SyncPage page = messages().sync(alice, Map.of(), 0, 2, 100);

        assertThat(page.messages()).extracting(ChatMessage::chatId).containsExactly(first, first);
        assertThat(page.next()).contains(second);
        assertThat(messages().sync(alice, Map.of(first, 2L), second, 2, 100).messages())
                .extracting(ChatMessage::chatId, ChatMessage::seq)
                .containsExactly(tuple(second, 1L));
    }

    // ---- helpers ----

    private MessagePage newest(int limit) {
        return history(null, null, limit);
    }

    private MessagePage history(Long before, Long after, int limit) {
        return messages().history(chat, new HistoryQuery(before, after, limit));
    }

    private static void assertPage(MessagePage page, List<Long> seqs, boolean more) {
        assertThat(page.messages()).extracting(ChatMessage::seq).containsExactlyElementsOf(seqs);
        assertThat(page.more()).as("more").isEqualTo(more);
    }

    private void sendThree() {
        sendMany(chat, 3);
    }

    /** Appends {@code count} messages to the chat in one batch, from its first member. */
    private void sendMany(long chatId, int count) {
        long sender = chats().members(chatId).getFirst();
        List<Append> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(text(chatId, sender, "message " + i));
        }
        messages().append(batch, T0 + 1);
    }

    private AdvanceResult advance(long userId, ReceiptKind kind, long seq, long now) {
        return messages().advance(List.of(new Advance(chat, userId, kind, seq)), now).getFirst();
    }

    /** The result moved the user's watermarks in the chat to these, and names both members. */
    private void assertMoved(AdvanceResult result, long userId, long delivered, long read, long at) {
        assertThat(result).isInstanceOf(Moved.class);
        Moved moved = (Moved) result;
        assertThat(List.of(moved.chatId(), moved.userId(), moved.delivered(), moved.read(), moved.at()))
                .as("chat, user, delivered, read, at")
                .containsExactly(chat, userId, delivered, read, at);
        assertThat(moved.members()).containsExactlyInAnyOrder(alice, bob);
    }

    private ChatState bobsState() {
        return chats().summary(chat, bob).orElseThrow().state();
    }

    private static List<Long> sorted(Long... ids) {
        return List.of(ids).stream().sorted().toList();
    }

    private static List<ChatState> sortedStates(ChatState... states) {
        return List.of(states).stream().sorted((x, y) -> Long.compare(x.chatId(), y.chatId())).toList();
    }

    /** Two chats' expected entries, the lower chat id's first. */
    private static List<String> byChat(List<String> ofA, List<String> ofB, long a, long b) {
        List<String> all = new ArrayList<>(a < b ? ofA : ofB);
        all.addAll(a < b ? ofB : ofA);
        return all;
    }
}
