package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;

/** Frames go on in arrival order, waiting for the rate or for room, never refused but past the bound. */
class FramePacerTest {
    private final EventExecutor loop = new DefaultEventExecutor();
    private final List<ServerFrame> answers = new CopyOnWriteArrayList<>();

    /** A dispatch whose rate and room the test sets. */
    private static final class Target implements FramePacer.Dispatch {
        final List<ClientFrame> taken = new CopyOnWriteArrayList<>();
        volatile long waitMillis;
        volatile boolean full;
        volatile Runnable wake;

        @Override
        public boolean full() {
            return full;
        }

        @Override
        public long dispatchOrWait(ClientFrame frame) {
            if (waitMillis > 0) {
                return waitMillis;
            }
            taken.add(frame);
            return 0;
        }

        @Override
        public void awaitRoom(Runnable wake) {
            this.wake = wake;
        }
    }

    private final Session session = new Session() {
        @Override
        public AuthenticatedDevice device() {
            return new AuthenticatedDevice(1, "alice", 1);
        }

        @Override
        public void sendEncoded(byte[] frame) {
        }

        @Override
        public void send(ServerFrame frame) {
            answers.add(frame);
        }

        @Override
        public void close(ErrorCode reason, String message) {
        }
    };

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private <T> T onLoop(Callable<T> work) throws Exception {
        return loop.submit(work).get(10, TimeUnit.SECONDS);
    }

    private static ClientFrame send(int i) {
        return new ClientFrame.Send(UUID.nameUUIDFromBytes(("m" + i).getBytes()), 7L, "m" + i, null);
    }

    @Test
    void framesOverTheRateWaitAndGoOnInOrderWhenItAllows() throws Exception {
        Target target = new Target();
        FramePacer pacer = new FramePacer(target, loop, session, 100);
        AtomicBoolean taken = new AtomicBoolean();
        assertThat(onLoop(() -> pacer.offer(send(1)))).isTrue();
        target.waitMillis = 50;
        onLoop(() -> {
            for (int i = 2; i <= 5; i++) {
                assertThat(pacer.offer(send(i))).isFalse();
            }
            pacer.whenTaken(() -> taken.set(true));
            return null;
        });
        assertThat(onLoop(pacer::isBackedUp)).isTrue();
        target.waitMillis = 0;
        awaitTrue(taken::get);
        assertThat(target.taken).extracting(f -> ((ClientFrame.Send) f).text()).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(answers).as("nothing refused").isEmpty();
    }

    @Test
    void aFullSessionWaitsForRoomAndPastTheBoundFramesAreRefused() throws Exception {
        Target target = new Target();
        FramePacer pacer = new FramePacer(target, loop, session, 2);
        target.full = true;
        onLoop(() -> {
            for (int i = 1; i <= 3; i++) {
                pacer.offer(send(i));
            }
            return null;
        });
        assertThat(target.taken).isEmpty();
        assertThat(answers).hasSize(1);
        assertThat(((ServerFrame.Error) answers.getFirst()).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(((ServerFrame.Error) answers.getFirst()).retryAfterMs()).isPositive();
        target.full = false;
        target.wake.run();
        awaitTrue(() -> target.taken.size() == 2);
        assertThat(target.taken).extracting(f -> ((ClientFrame.Send) f).text()).containsExactly("m1", "m2");
    }

    @Test
    void aClosedSessionDropsWhatWaits() throws Exception {
        Target target = new Target();
        FramePacer pacer = new FramePacer(target, loop, session, 10);
        target.waitMillis = 20;
        AtomicBoolean told = new AtomicBoolean();
        onLoop(() -> pacer.offer(send(1)));
        onLoop(() -> {
            pacer.whenTaken(() -> told.set(pacer.isClosed()));
            pacer.close();
            return null;
        });
        assertThat(told).as("what waited for the frames is told, and sees they were dropped").isTrue();
        target.waitMillis = 0;
        Thread.sleep(100); // the pacer's timer has fired by now; it must not dispatch (no timing assertion)
        assertThat(target.taken).isEmpty();
        assertThat(onLoop(() -> pacer.offer(send(2)))).isFalse();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
