package parley.client.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.inbox.Messages.msg;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.model.ChatMessage;

class ChatOrderingTest {
    private final ChatOrdering ordering = new ChatOrdering(100);

    private static List<Long> seqs(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::seq).toList();
    }

    @Test
    void releasesInOrderMessagesAtOnce() {
        assertThat(seqs(ordering.offer(msg(1, 1)))).containsExactly(1L);
        assertThat(seqs(ordering.offer(msg(1, 2)))).containsExactly(2L);
        assertThat(ordering.held(1)).isEqualTo(2);
        assertThat(ordering.hasGap(1)).isFalse();
    }

    @Test
    void dropsDuplicates() {
        ordering.offer(msg(1, 1));
        ordering.offer(msg(1, 2));
        assertThat(ordering.offer(msg(1, 1))).isEmpty();
        assertThat(ordering.offer(msg(1, 2))).isEmpty();
        ordering.offer(msg(1, 5));
        assertThat(ordering.offer(msg(1, 5))).isEmpty();
        assertThat(ordering.bufferedCount()).isEqualTo(1);
    }

    @Test
    void buffersAheadOfAGapAndReleasesInOrderWhenItFills() {
        assertThat(ordering.offer(msg(1, 3))).isEmpty();
        assertThat(ordering.offer(msg(1, 2))).isEmpty();
        assertThat(ordering.hasGap(1)).isTrue();
        assertThat(ordering.chatsWithGaps()).containsExactly(1L);
        assertThat(seqs(ordering.offer(msg(1, 1)))).containsExactly(1L, 2L, 3L);
        assertThat(ordering.hasGap(1)).isFalse();
        assertThat(ordering.bufferedCount()).isZero();
    }

    @Test
    void chatsAreIndependent() {
        ordering.offer(msg(1, 2));
        assertThat(seqs(ordering.offer(msg(2, 1)))).containsExactly(1L);
        assertThat(ordering.chatsWithGaps()).containsExactly(1L);
        assertThat(ordering.heldSeqs()).containsEntry(1L, 0L).containsEntry(2L, 1L);
    }

    @Test
    void anyArrivalOrderYieldsEachSeqOnceInOrder() {
        List<Long> arrival = new ArrayList<>(List.of(5L, 3L, 3L, 1L, 4L, 2L, 1L, 7L, 6L, 5L, 8L));
        List<Long> released = new ArrayList<>();
        for (long seq : arrival) {
            released.addAll(seqs(ordering.offer(msg(9, seq))));
        }
        assertThat(released).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void overflowDropsTheMessageButRemembersTheGap() {
        ChatOrdering small = new ChatOrdering(2);
        small.offer(msg(1, 3));
        small.offer(msg(1, 4));
        assertThat(small.offer(msg(1, 5))).isEmpty();
        assertThat(small.bufferedCount()).isEqualTo(2);
        assertThat(seqs(small.offer(msg(1, 1)))).containsExactly(1L);
        assertThat(seqs(small.offer(msg(1, 2)))).containsExactly(2L, 3L, 4L);
        assertThat(small.hasGap(1)).as("5 was dropped but is known").isTrue();
        assertThat(seqs(small.offer(msg(1, 5)))).containsExactly(5L);
        assertThat(small.hasGap(1)).isFalse();
    }

    @Test
    void aLastSeqBeyondHeldIsAGap() {
        ordering.offer(msg(1, 1));
        ordering.noteLastSeq(1, 4);
        assertThat(ordering.hasGap(1)).isTrue();
        ordering.noteLastSeq(1, 2); // never lowers
        assertThat(ordering.hasGap(1)).isTrue();
    }

    @Test
    void startAtSkipsWhatTheApplicationHolds() {
        ordering.startAt(1, 10);
        assertThat(ordering.offer(msg(1, 10))).isEmpty();
        assertThat(seqs(ordering.offer(msg(1, 11)))).containsExactly(11L);
        assertThat(ordering.hasGap(1)).isFalse();
    }
}
