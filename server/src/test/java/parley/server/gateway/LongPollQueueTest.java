package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

class LongPollQueueTest {

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(LongPollQueue.Batch batch) {
        return batch.frames().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void framesAreNumberedAndACursorDropsWhatArrived() {
        LongPollQueue queue = new LongPollQueue(1000);
        assertThat(queue.take(0).frames()).isEmpty();
        assertThat(queue.take(0).cursor()).isZero();
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        LongPollQueue.Batch first = queue.take(0);
        assertThat(texts(first)).containsExactly("a", "b");
        assertThat(first.cursor()).isEqualTo(2);
        queue.offer(frame("c"));
        LongPollQueue.Batch second = queue.take(2);
        assertThat(texts(second)).containsExactly("c");
        assertThat(second.cursor()).isEqualTo(3);
        assertThat(queue.pendingBytes()).isEqualTo(1);
    }

    @Test
    void aLostAnswerIsRepeatedByPollingWithTheSameCursor() {
        LongPollQueue queue = new LongPollQueue(1000);
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.take(0);
        assertThat(texts(queue.take(0))).containsExactly("a", "b");
        assertThat(texts(queue.take(1))).containsExactly("b");
        assertThat(texts(queue.take(1))).containsExactly("b");
    }

    @Test
    void aCursorOutOfRangeIsInvalid() {
        LongPollQueue queue = new LongPollQueue(1000);
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        assertThatThrownBy(() -> queue.take(3)).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        queue.take(2);
        assertThatThrownBy(() -> queue.take(1)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> queue.take(-1)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void theQueueIsBoundedInBytesAndFreedByPolls() {
        LongPollQueue queue = new LongPollQueue(5);
        assertThat(queue.offer(frame("abc"))).isTrue();
        assertThat(queue.offer(frame("de"))).isTrue();
        assertThat(queue.offer(frame("f"))).isFalse();
        assertThat(queue.pendingBytes()).isEqualTo(5);
        queue.take(1);
        assertThat(queue.offer(frame("f"))).isTrue();
        assertThat(texts(queue.take(1))).containsExactly("de", "f");
    }

    @Test
    void finishingDropsWhatWaitsAndLeavesOnlyTheLastFrame() {
        LongPollQueue queue = new LongPollQueue(100);
        queue.offer(frame("a"));
        queue.offer(frame("b"));
        queue.take(1);
        queue.finish(frame("error"));
        assertThat(queue.offer(frame("c"))).isFalse();
        assertThat(queue.drained()).isFalse();
        LongPollQueue.Batch last = queue.take(1);
        assertThat(texts(last)).containsExactly("error");
        assertThat(last.cursor()).isEqualTo(3);
        assertThat(queue.take(3).frames()).isEmpty();
        assertThat(queue.drained()).isTrue();
    }
}
