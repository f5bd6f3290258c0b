package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;

class SeqLedgerTest {
    private static final long CHAT = 7;
    private final SeqLedger ledger = new SeqLedger(CHAT, List.of(1L, 2L, 3L));

    private static ChatMessage message(long seq, UUID id) {
        return new ChatMessage(CHAT, seq, 1, id, MessageKind.TEXT, "hi", 0);
    }

    @Test
    void everyMemberHoldingEveryAckedSeqInOrderPasses() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ledger.acked(a, 1, 1);
        ledger.acked(b, 1, 2);
        for (long member : List.of(1L, 2L, 3L)) {
            assertThat(ledger.accept(member, message(1, a))).isEqualTo(SeqLedger.Outcome.NEW);
            assertThat(ledger.accept(member, message(2, b))).isEqualTo(SeqLedger.Outcome.NEW);
        }

        assertThat(ledger.missing()).isZero();
        assertThat(ledger.verdict().violations()).isZero();
        assertThat(ledger.verdict().acked()).isEqualTo(2);
    }

    @Test
    void aCopyOfAHeldSeqIsRedundantNotAViolation() {
        UUID a = UUID.randomUUID();
        ledger.accept(1, message(1, a));

        assertThat(ledger.accept(1, message(1, a))).isEqualTo(SeqLedger.Outcome.REDUNDANT);
        assertThat(ledger.redundantCopies()).isEqualTo(1);
        assertThat(ledger.verdict().violations()).isZero();
    }

    @Test
    void aGapAMismatchAndAMissingMemberAreViolations() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ledger.acked(a, 1, 1);
        ledger.acked(b, 1, 2);
        ledger.accept(1, message(1, a));
        ledger.accept(1, message(2, b));
        ledger.accept(2, message(2, b));
        ledger.accept(3, message(1, UUID.randomUUID()));

        ChatVerdict verdict = ledger.verdict();

        assertThat(verdict.gaps()).as("member 2 skipped seq 1").isEqualTo(1);
        assertThat(verdict.seqMismatches() + verdict.duplicates()).as("member 3 got another message as seq 1").isPositive();
        assertThat(verdict.behind()).as("member 3 never got seq 2").isEqualTo(1);
        assertThat(ledger.missing()).isEqualTo(1);
    }

    @Test
    void aNonMemberGettingAMessageIsAViolation() {
        ledger.accept(99, message(1, UUID.randomUUID()));

        assertThat(ledger.verdict().order()).isEqualTo(1);
    }
}
