package parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import parley.server.store.AdvanceResult;

class ReceiptCoalescerTest {
    private static final long WINDOW = 300;

    private final List<AdvanceResult.Moved> pushed = new CopyOnWriteArrayList<>();
    private final ReceiptCoalescer coalescer = new ReceiptCoalescer(WINDOW, Clock.systemUTC(), pushed::add);

    private static AdvanceResult.Moved moved(long chat, long user, long seq) {
        return new AdvanceResult.Moved(chat, user, seq, 0, seq, List.of(1L, 2L, 3L));
    }

    @Test
    void theFirstReceiptGoesAtOnceAndTheRestOfTheWindowIsOneBatchOfTheNewest() throws Exception {
        coalescer.offer(moved(7, 1, 1));
        assertThat(pushed).extracting(AdvanceResult.Moved::userId).containsExactly(1L);

        coalescer.offer(moved(7, 2, 1));
        coalescer.offer(moved(7, 3, 1));
        coalescer.offer(moved(7, 2, 2));
        assertThat(pushed).hasSize(1);

        long deadline = System.currentTimeMillis() + 5_000;
        while (pushed.size() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        assertThat(pushed).hasSize(3);
        assertThat(pushed.subList(1, 3)).extracting(AdvanceResult.Moved::userId, AdvanceResult.Moved::delivered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 2L), org.assertj.core.groups.Tuple.tuple(3L, 1L));
    }

    @Test
    void chatsAreCoalescedApart() {
        coalescer.offer(moved(7, 1, 1));
        coalescer.offer(moved(8, 1, 1));

        assertThat(pushed).extracting(AdvanceResult.Moved::chatId).containsExactly(7L, 8L);
    }
}
