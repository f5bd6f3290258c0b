package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboundBudgetTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;

    @Test
    void aSessionWhoseFramePassesItsUsersBudgetIsRefused() {
        OutboundBudget budget = new OutboundBudget(1000, 1_000_000, 100);
        assertThat(budget.reserve(ALICE, 0, 600)).isTrue();
        assertThat(budget.reserve(ALICE, 600, 600)).isFalse();
        assertThat(budget.userBytes(ALICE)).as("a refused frame takes nothing").isEqualTo(600);
        assertThat(budget.reserve(BOB, 0, 600)).as("another user has a budget of his own").isTrue();
    }

    @Test
    void theNodesBudgetCountsEveryUser() {
        OutboundBudget budget = new OutboundBudget(1000, 1500, 100);
        assertThat(budget.reserve(ALICE, 0, 900)).isTrue();
        assertThat(budget.reserve(BOB, 0, 900)).isFalse();
        assertThat(budget.nodeBytes()).isEqualTo(900);
    }

    @Test
    void aSessionHoldingAlmostNothingIsNotPunishedForOthersBacklog() {
        OutboundBudget budget = new OutboundBudget(1000, 1500, 100);
        budget.reserve(ALICE, 0, 1000);
        budget.reserve(BOB, 0, 500);
        assertThat(budget.reserve(BOB, 0, 50)).as("Bob's quiet session gets its frame").isTrue();
        assertThat(budget.reserve(ALICE, 0, 60)).as("so does a quiet session of Alice's").isTrue();
        assertThat(budget.reserve(BOB, 550, 60)).as("but not Bob's backed-up one").isFalse();
    }

    @Test
    void releasedBytesAreBudgetAgain() {
        OutboundBudget budget = new OutboundBudget(1000, 1000, 0);
        budget.reserve(ALICE, 0, 1000);
        assertThat(budget.reserve(ALICE, 1000, 1)).isFalse();
        budget.release(ALICE, 1000);
        assertThat(budget.userBytes(ALICE)).isZero();
        assertThat(budget.nodeBytes()).isZero();
        assertThat(budget.reserve(ALICE, 0, 1000)).isTrue();
    }
}
