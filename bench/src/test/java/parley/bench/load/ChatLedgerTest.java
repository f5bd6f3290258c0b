package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;

class ChatLedgerTest {
    private static final long CHAT = 7;
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final ChatLedger ledger = new ChatLedger(CHAT, List.of(ALICE, BOB));

    @Test
    void passesWhenEveryMemberSeesEveryAckedSeqOnceInOrder() {
        for (long seq = 1; seq <= 3; seq++) {
            UUID id = UUID.randomUUID();
            ledger.acked(id, ALICE, seq);
            assertThat(ledger.seen(ALICE, message(seq, id))).isTrue();
            assertThat(ledger.seen(BOB, message(seq, id))).isTrue();
        }

        ChatVerdict verdict = ledger.verdict();

        assertThat(verdict.violations()).isZero();
        assertThat(verdict.acked()).isEqualTo(3);
        assertThat(ledger.undelivered()).isZero();
    }

    @Test
    void aSeqSeenTwiceIsADuplicate() {
        UUID id = UUID.randomUUID();
        ledger.seen(BOB, message(1, id));

        assertThat(ledger.seen(BOB, message(1, id))).isFalse();
        assertThat(ledger.verdict().duplicates()).isEqualTo(1);
    }

    @Test
    void aSkippedSeqIsAGap() {
        ledger.seen(BOB, message(1, UUID.randomUUID()));
        ledger.seen(BOB, message(3, UUID.randomUUID()));

        assertThat(ledger.verdict().gaps()).isEqualTo(1);
        assertThat(ledger.verdict().examples()).anySatisfy(e -> assertThat(e).contains("seq 3 after 1"));
    }

    @Test
    void anAckedMessageTheRecipientNeverGotIsUndelivered() {
        UUID id = UUID.randomUUID();
        ledger.acked(id, ALICE, 1);
        ledger.seen(ALICE, message(1, id));

        assertThat(ledger.undelivered()).isEqualTo(1);
        ChatVerdict verdict = ledger.verdict();
        assertThat(verdict.undelivered()).isEqualTo(1);
        assertThat(verdict.behind()).isEqualTo(1);
    }

    @Test
    void aMessageDeliveredUnderAnotherSeqThanItsAckIsAMismatch() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ledger.acked(first, ALICE, 1);
        ledger.acked(second, ALICE, 2);
        ledger.seen(BOB, message(1, second));
        ledger.seen(BOB, message(2, first));

        assertThat(ledger.verdict().seqMismatches()).isEqualTo(2);
    }

    @Test
    void oneSeqAckedForTwoMessagesIsADuplicate() {
        ledger.acked(UUID.randomUUID(), ALICE, 1);
        ledger.acked(UUID.randomUUID(), ALICE, 1);

        assertThat(ledger.verdict().duplicates()).isEqualTo(1);
    }

    @Test
    void theRunVerdictFailsOnAnyViolationAndKeepsExamples() {
        ledger.seen(BOB, message(2, UUID.randomUUID()));
        ChatLedger clean = new ChatLedger(8, List.of(ALICE, BOB));

        Verdict verdict = Verdict.of(List.of(ledger.verdict(), clean.verdict()));

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.gaps()).isEqualTo(1);
        assertThat(verdict.examples()).hasSize(1);
        assertThat(Verdict.of(List.of(clean.verdict())).pass()).isTrue();
    }

    private static ChatMessage message(long seq, UUID id) {
        return new ChatMessage(CHAT, seq, ALICE, id, MessageKind.TEXT, "hi", 0);
    }
}
