package parley.client.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.protocol.frame.ClientFrame;
import parley.protocol.model.ReceiptKind;

class ReceiptQueueTest {
    private final ReceiptQueue queue = new ReceiptQueue();
    private final Map<Long, Long> held = new java.util.HashMap<>();

    private static ClientFrame.Receipt receipt(long chat, ReceiptKind kind, long seq) {
        return new ClientFrame.Receipt(null, chat, kind, seq);
    }

    @Test
    void automaticDeliveredIsOnePerChatAtTheHeldSeq() {
        queue.delivered(1);
        queue.delivered(1);
        queue.delivered(2);
        held.put(1L, 7L);
        held.put(2L, 3L);
        assertThat(queue.drain(held::get)).containsExactly(
                receipt(1, ReceiptKind.DELIVERED, 7), receipt(2, ReceiptKind.DELIVERED, 3));
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.drain(held::get)).isEmpty();
    }

    @Test
    void marksKeepTheHighestAndAreNotRepeated() {
        queue.mark(1, ReceiptKind.READ, 4);
        queue.mark(1, ReceiptKind.READ, 6);
        queue.mark(1, ReceiptKind.READ, 5);
        assertThat(queue.drain(c -> 0)).containsExactly(receipt(1, ReceiptKind.READ, 6));
        queue.mark(1, ReceiptKind.READ, 6);
        assertThat(queue.drain(c -> 0)).isEmpty();
    }

    @Test
    void readCoversDelivered() {
        queue.mark(1, ReceiptKind.READ, 9);
        queue.drain(c -> 0);
        queue.delivered(1);
        assertThat(queue.drain(c -> 9L)).isEmpty();
        queue.delivered(1);
        assertThat(queue.drain(c -> 10L)).containsExactly(receipt(1, ReceiptKind.DELIVERED, 10));
    }

    @Test
    void receiptsSentOnADroppedSocketAreSentAgain() {
        queue.mark(1, ReceiptKind.READ, 3);
        queue.drain(c -> 0);
        queue.socketDropped();
        assertThat(queue.drain(c -> 0)).containsExactly(receipt(1, ReceiptKind.READ, 3));
        queue.socketReady();
        queue.socketDropped();
        assertThat(queue.drain(c -> 0)).as("nothing was sent on the newer socket").isEmpty();
    }
}
