package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import parley.server.testing.ManualClock;

/** A pool's queue bound, its deadline for waiting requests, and its dropping of requests nobody waits for. */
class BlockingExecutorTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void aRequestThatWaitedPastTheDeadlineIsAnsweredTooLateAndOneWhoseClientLeftIsDropped() throws Exception {
        try (BlockingExecutor pool = new BlockingExecutor("test", 1, 10, 5_000, clock)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(3);
            pool.execute(() -> await(busy));
            AtomicBoolean ranLate = new AtomicBoolean();
            AtomicBoolean answeredLate = new AtomicBoolean();
            AtomicBoolean ranGone = new AtomicBoolean();
            AtomicBoolean ranFresh = new AtomicBoolean();
            pool.submit(() -> ranLate.set(true), () -> true, () -> answeredLate.set(true));
            pool.submit(() -> ranGone.set(true), () -> false, () -> ranGone.set(true));
            clock.advance(5_001);
            pool.submit(() -> ranFresh.set(true), () -> true, () -> {
            });
            pool.execute(done::countDown);
            busy.countDown();
            pool.execute(done::countDown);
            pool.execute(done::countDown);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ranLate).isFalse();
            assertThat(answeredLate).isTrue();
            assertThat(ranGone).isFalse();
            assertThat(ranFresh).isTrue();
        }
    }

    @Test
    void pastItsQueueAPoolRefusesAndAPoolWhoseThreadsAllHangIsStuck() {
        try (BlockingExecutor pool = new BlockingExecutor("test", 1, 1, 5_000, clock)) {
            CountDownLatch hang = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            pool.execute(() -> {
                started.countDown();
                await(hang);
            });
            await(started);
            pool.execute(() -> {
            });
            assertThatThrownBy(() -> pool.execute(() -> {
            })).isInstanceOf(RejectedExecutionException.class);
            assertThat(pool.stuckFor(30_000)).isFalse();
            clock.advance(30_001);
            assertThat(pool.stuckFor(30_000)).isTrue();
            hang.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
