package parley.client.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.inbox.Messages.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.MessagePage;

class InboxTest {
    private ChatOrdering ordering;
    private Inbox inbox;
    private final List<String> delivered = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ordering = new ChatOrdering(100);
        inbox = new Inbox(ordering, 50, 20);
    }

    private InboxStep record(InboxStep step) {
        step.messages().forEach(m -> delivered.add(m.chatId() + ":" + m.seq()));
        return step;
    }

    private static ClientFrame.Sync onlySync(InboxStep step) {
        assertThat(step.requests()).hasSize(1);
        return (ClientFrame.Sync) step.requests().getFirst();
    }

    private static ClientFrame.History onlyHistory(InboxStep step) {
        assertThat(step.requests()).hasSize(1);
        return (ClientFrame.History) step.requests().getFirst();
    }

    private static ServerFrame.Synced page(String ref, Long next, List<ChatMessage> messages, ChatState... states) {
        return new ServerFrame.Synced(ref, messages, List.of(states), next);
    }

    private static ChatState state(long chatId, long lastSeq) {
        return new ChatState(chatId, lastSeq, 0, 0, 0, 0);
    }

    private static ChatMessage added(long chatId, long seq, long... targets) {
        return new ChatMessage(chatId, seq, 7, java.util.UUID.randomUUID(), parley.protocol.model.MessageKind.SYSTEM, "",
                1_000 + seq, new parley.protocol.model.SystemEvent(parley.protocol.model.SystemEventType.ADDED, 7,
                java.util.Arrays.stream(targets).boxed().toList(), null));
    }

    @Test
    void aGroupStartsForMeAtTheMessageThatAddedMe() {
        inbox.identify(42);
        record(inbox.answer(page(onlySync(inbox.start()).ref(), null, List.of())));

        record(inbox.push(added(9, 5, 41, 42)));
        record(inbox.push(msg(9, 6)));

        assertThat(delivered).containsExactly("9:5", "9:6");
        assertThat(ordering.hasGap(9)).isFalse();
    }

    @Test
    void someoneElseBeingAddedLeavesMyGapToFill() {
        inbox.identify(42);
        record(inbox.answer(page(onlySync(inbox.start()).ref(), null, List.of())));

        InboxStep step = record(inbox.push(added(9, 5, 43)));

        assertThat(delivered).isEmpty();
        assertThat(onlyHistory(step).after()).isEqualTo(0L);
    }

    @Test
    void startAsksForEverythingAfterWhatIsHeld() {
        ordering.startAt(3, 12);
        ClientFrame.Sync sync = onlySync(inbox.start());
        assertThat(sync.since()).containsExactly(Map.entry(3L, 12L));
        assertThat(sync.fromChat()).isNull();
        assertThat(sync.limit()).isEqualTo(50);
        assertThat(inbox.syncing()).isTrue();
        assertThat(inbox.owns(sync.ref())).isTrue();
    }

    @Test
    void walksThePagesUntilNextIsAbsentCarryingWhatItReceived() {
        ClientFrame.Sync first = onlySync(inbox.start());
        InboxStep step1 = record(inbox.answer(page(first.ref(), 2L, List.of(msg(1, 1), msg(1, 2), msg(2, 1)), state(1, 2))));
        ClientFrame.Sync second = onlySync(step1);
        assertThat(second.fromChat()).isEqualTo(2L);
        assertThat(second.since()).containsEntry(1L, 2L).containsEntry(2L, 1L);
        assertThat(step1.states()).containsExactly(state(1, 2));
        assertThat(step1.syncCompleted()).isFalse();
        assertThat(inbox.owns(first.ref())).isFalse();

        InboxStep step2 = record(inbox.answer(page(second.ref(), null, List.of(msg(2, 2)), state(2, 2))));
        assertThat(step2.requests()).isEmpty();
        assertThat(step2.syncCompleted()).isTrue();
        assertThat(inbox.syncing()).isFalse();
        assertThat(delivered).containsExactly("1:1", "1:2", "2:1", "2:2");
    }

    @Test
    void pushesDuringTheSyncAreMergedWithoutDuplicatesOrDisorder() {
        ClientFrame.Sync sync = onlySync(inbox.start());
        // a live push of seq 4 arrives before the sync page that holds 1..3
        assertThat(record(inbox.push(msg(1, 4))).requests()).as("no gap fill while syncing").isEmpty();
        record(inbox.answer(page(sync.ref(), null, List.of(msg(1, 1), msg(1, 2), msg(1, 3), msg(1, 4)), state(1, 4))));
        record(inbox.push(msg(1, 4)));
        record(inbox.push(msg(1, 5)));
        assertThat(delivered).containsExactly("1:1", "1:2", "1:3", "1:4", "1:5");
    }

    @Test
    void aGapLeftAfterTheSyncIsFilledWithHistoryAfterHeld() {
        ClientFrame.Sync sync = onlySync(inbox.start());
        record(inbox.push(msg(1, 9)));
        InboxStep end = record(inbox.answer(page(sync.ref(), null, List.of(msg(1, 1), msg(1, 2)), state(1, 2))));
        ClientFrame.History gap = onlyHistory(end);
        assertThat(gap.chatId()).isEqualTo(1);
        assertThat(gap.after()).isEqualTo(2L);
        assertThat(gap.before()).isNull();
        assertThat(gap.limit()).isEqualTo(20);

        InboxStep filled = record(inbox.answer(new ServerFrame.History(gap.ref(),
                new MessagePage(1, List.of(msg(1, 3), msg(1, 4), msg(1, 5), msg(1, 6), msg(1, 7), msg(1, 8), msg(1, 9)), false))));
        assertThat(filled.requests()).isEmpty();
        assertThat(delivered).containsExactly("1:1", "1:2", "1:3", "1:4", "1:5", "1:6", "1:7", "1:8", "1:9");
        assertThat(ordering.hasGap(1)).isFalse();
    }

    @Test
    void aGapFillContinuesPageByPageAndStopsWhenNothingNewComes() {
        record(inbox.answer(page(onlySync(inbox.start()).ref(), null, List.of())));
        ClientFrame.History first = onlyHistory(record(inbox.push(msg(4, 6))));
        assertThat(first.after()).isEqualTo(0L);
        ClientFrame.History second = onlyHistory(record(inbox.answer(
                new ServerFrame.History(first.ref(), new MessagePage(4, List.of(msg(4, 1), msg(4, 2)), true)))));
        assertThat(second.after()).isEqualTo(2L);
        InboxStep stuck = record(inbox.answer(new ServerFrame.History(second.ref(), new MessagePage(4, List.of(), false))));
        assertThat(stuck.requests()).as("no progress: give up until the next push or resync").isEmpty();
        assertThat(delivered).containsExactly("4:1", "4:2");
    }

    @Test
    void onlyOneGapFillIsInFlightAtATime() {
        record(inbox.answer(page(onlySync(inbox.start()).ref(), null, List.of())));
        ClientFrame.History chat1 = onlyHistory(inbox.push(msg(1, 3)));
        assertThat(inbox.push(msg(2, 3)).requests()).isEmpty();
        assertThat(inbox.push(msg(1, 4)).requests()).isEmpty();
        InboxStep next = record(inbox.answer(
                new ServerFrame.History(chat1.ref(), new MessagePage(1, List.of(msg(1, 1), msg(1, 2), msg(1, 3), msg(1, 4)), false))));
        assertThat(onlyHistory(next).chatId()).isEqualTo(2);
        assertThat(delivered).containsExactly("1:1", "1:2", "1:3", "1:4");
    }

    @Test
    void aChatStateBeyondWhatTheSyncBroughtIsAGapToo() {
        ClientFrame.Sync sync = onlySync(inbox.start());
        InboxStep end = inbox.answer(page(sync.ref(), null, List.of(msg(1, 1)), state(1, 3)));
        assertThat(onlyHistory(end).after()).isEqualTo(1L);
    }

    @Test
    void aFailedSyncIsReported() {
        ClientFrame.Sync sync = onlySync(inbox.start());
        InboxStep failed = inbox.failed(sync.ref());
        assertThat(failed.syncFailed()).isTrue();
        assertThat(inbox.syncing()).isFalse();
    }

    @Test
    void answersForAnEarlierSocketAreIgnored() {
        ClientFrame.Sync old = onlySync(inbox.start());
        inbox.disconnected();
        assertThat(inbox.owns(old.ref())).isFalse();
        ClientFrame.Sync fresh = onlySync(inbox.start());
        assertThat(inbox.answer(page(old.ref(), null, List.of(msg(1, 1)))).messages()).isEmpty();
        assertThat(inbox.syncing()).isTrue();
        assertThat(inbox.owns(fresh.ref())).isTrue();
    }

    @Test
    void aResyncAfterReconnectStartsFromWhatWasDelivered() {
        record(inbox.answer(page(onlySync(inbox.start()).ref(), null, List.of(msg(1, 1), msg(1, 2)))));
        inbox.disconnected();
        record(inbox.push(msg(1, 3))); // arrives late, after the drop: still delivered in order
        ClientFrame.Sync again = onlySync(inbox.start());
        assertThat(again.since()).containsEntry(1L, 3L);
        assertThat(delivered).containsExactly("1:1", "1:2", "1:3");
    }
}
