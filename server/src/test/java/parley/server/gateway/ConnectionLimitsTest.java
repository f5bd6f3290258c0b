package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void refusesPastTheLimitPerAddressButNotOtherAddresses() {
        ConnectionLimits limits = new ConnectionLimits(100, 2, 10);
        assertThat(limits.open("203.0.113.7", false)).isEqualTo(ConnectionLimits.Admission.ADMITTED);
        assertThat(limits.open("203.0.113.7", false)).isEqualTo(ConnectionLimits.Admission.ADMITTED);
        assertThat(limits.open("203.0.113.7", false)).isEqualTo(ConnectionLimits.Admission.ADDRESS_FULL);
        assertThat(limits.open("198.51.100.1", false)).isEqualTo(ConnectionLimits.Admission.ADMITTED);
        assertThat(limits.open()).as("a refused connection is not counted").isEqualTo(3);

        limits.close("203.0.113.7", false);
        assertThat(limits.open("203.0.113.7", false)).isEqualTo(ConnectionLimits.Admission.ADMITTED);
    }

    @Test
    void aTrustedProxyHasNoLimitPerAddressButCountsTowardsTheNode() {
        ConnectionLimits limits = new ConnectionLimits(3, 1, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.open("10.0.0.2", true)).isEqualTo(ConnectionLimits.Admission.ADMITTED);
        }
        assertThat(limits.open("10.0.0.2", true)).isEqualTo(ConnectionLimits.Admission.NODE_FULL);
        assertThat(limits.open("203.0.113.7", false)).isEqualTo(ConnectionLimits.Admission.NODE_FULL);
        assertThat(limits.openFrom("203.0.113.7")).isZero();
    }

    @Test
    void onlySoManyRefusedConnectionsWaitForTheirAnswer() {
        ConnectionLimits limits = new ConnectionLimits(1, 1, 2);
        assertThat(limits.startRefusal()).isTrue();
        assertThat(limits.startRefusal()).isTrue();
        assertThat(limits.startRefusal()).isFalse();
        limits.endRefusal();
        assertThat(limits.startRefusal()).isTrue();
    }

    @Test
    void countsStayExactWhenConnectionsOpenAndCloseOnManyThreadsAtOnce() throws Exception {
        int maxPerAddress = 50;
        ConnectionLimits limits = new ConnectionLimits(120, maxPerAddress, 10);
        AtomicInteger overLimit = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String address = "192.0.2." + (t % 3);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (limits.open(address, false) == ConnectionLimits.Admission.ADMITTED) {
                        if (limits.openFrom(address) > maxPerAddress || limits.open() > 120) {
                            overLimit.incrementAndGet();
                        }
                        limits.close(address, false);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(overLimit).hasValue(0);
        assertThat(limits.open()).isZero();
        for (int t = 0; t < 3; t++) {
            assertThat(limits.openFrom("192.0.2." + t)).isZero();
        }
    }
}
