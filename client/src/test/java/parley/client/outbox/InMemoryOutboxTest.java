package parley.client.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryOutboxTest {
    private static PendingSend send(String text) {
        return new PendingSend(UUID.randomUUID(), 1, text);
    }

    @Test
    void keepsSendsInTheOrderTheyWereAdded() {
        Outbox outbox = new InMemoryOutbox(10);
        PendingSend a = send("a");
        PendingSend b = send("b");
        PendingSend c = send("c");
        outbox.add(a);
        outbox.add(b);
        outbox.add(c);
        assertThat(outbox.snapshot()).containsExactly(a, b, c);
    }

    @Test
    void removingOneKeepsTheOthersInOrder() {
        Outbox outbox = new InMemoryOutbox(10);
        PendingSend a = send("a");
        PendingSend b = send("b");
        PendingSend c = send("c");
        outbox.add(a);
        outbox.add(b);
        outbox.add(c);
        assertThat(outbox.remove(b.clientMsgId())).contains(b);
        assertThat(outbox.remove(b.clientMsgId())).isEmpty();
        assertThat(outbox.snapshot()).containsExactly(a, c);
        assertThat(outbox.size()).isEqualTo(2);
    }

    @Test
    void aSecondAddWithTheSameIdChangesNothing() {
        Outbox outbox = new InMemoryOutbox(10);
        PendingSend a = send("a");
        assertThat(outbox.add(a)).isTrue();
        assertThat(outbox.add(new PendingSend(a.clientMsgId(), 1, "other"))).isFalse();
        assertThat(outbox.snapshot()).containsExactly(a);
    }

    @Test
    void refusesPastItsCapacityAndAcceptsAgainOnceSomethingLeaves() {
        Outbox outbox = new InMemoryOutbox(2);
        PendingSend a = send("a");
        outbox.add(a);
        outbox.add(send("b"));
        assertThatThrownBy(() -> outbox.add(send("c")))
                .isInstanceOf(OutboxFullException.class)
                .hasMessageContaining("maxOutbox");
        outbox.remove(a.clientMsgId());
        assertThat(outbox.add(send("c"))).isTrue();
        assertThat(outbox.size()).isEqualTo(2);
    }

    @Test
    void snapshotIsACopy() {
        Outbox outbox = new InMemoryOutbox(5);
        outbox.add(send("a"));
        var snapshot = outbox.snapshot();
        outbox.add(send("b"));
        assertThat(snapshot).hasSize(1);
    }
}
