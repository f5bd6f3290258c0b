package parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;

/**
 * What a {@link ClusterBus} that spans several nodes promises between them; run against each such
 * implementation (the single-node promises are {@link ClusterBusContract}'s). Node A publishes, the
 * others receive. One promise here is stronger than the interface's: a node is handed deliveries
 * only for users it subscribed to, which is what keeps a cluster's traffic in proportion to its
 * sessions. Checks that something did not arrive use a later delivery from the same publisher as a
 * barrier, since each publisher's deliveries arrive in order.
 */
public abstract class MultiNodeBusContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<ClusterBus> started = new ArrayList<>();

    /** A new bus; each call gives another node of the same cluster. */
    protected abstract ClusterBus newNode();

    @AfterEach
    void closeNodes() {
        started.forEach(ClusterBus::close);
    }

    @Test
    void aDeliveryReachesAnotherNodeOnlyForTheUsersItSubscribedTo() throws Exception {
        Node a = node();
        Node b = node();
        b.subscribed(1);
        a.deliver("hello", 1, 2);
        a.deliver("barrier", 1);
        b.inbox.await("deliver 1 barrier");
        assertThat(b.inbox.events).containsExactly("deliver 1 hello", "deliver 1 barrier");
    }

    @Test
    void aDeliveryReachesEverySubscribedNodeOnce() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();
        a.subscribed(1);
        b.subscribed(1);
        c.subscribed(1);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.deliver("frame " + i, 1);
            expected.add("deliver 1 frame " + i);
        }
        for (Node node : List.of(a, b, c)) {
            node.inbox.await(expected.getLast());
        }
        Thread.sleep(100);
        for (Node node : List.of(a, b, c)) {
            assertThat(node.inbox.events).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void eachPublishersDeliveriesArriveInTheOrderItPublishedThem() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();
        b.subscribed(1);
        b.subscribed(2);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> publishers = new ArrayList<>();
        for (Node publisher : List.of(a, c)) {
            String name = publisher == a ? "a" : "c";
            publishers.add(CompletableFuture.runAsync(() -> {
                awaitLatch(go);
                for (int i = 0; i < 300; i++) {
                    switch (i % 3) {
                        case 0 -> publisher.deliver(name + i, 1);
                        case 1 -> publisher.deliver(name + i, 2);
                        default -> publisher.deliver(name + i, 1, 2);
                    }
                }
            }));
        }
        go.countDown();
        publishers.forEach(CompletableFuture::join);
        b.inbox.await(2 * 400);
        for (String name : List.of("a", "c")) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                if (i % 3 != 1) {
                    expected.add("deliver 1 " + name + i);
                }
                if (i % 3 != 0) {
                    expected.add("deliver 2 " + name + i);
                }
            }
            assertThat(b.inbox.events.stream().filter(e -> e.split(" ")[2].startsWith(name)).toList())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aCompletedSubscribeMeansADeliveryPublishedRightAfterArrives() throws Exception {
        Node a = node();
        Node b = node();
        for (int i = 0; i < 50; i++) {
            long user = 1_000 + i;
            b.subscribed(user);
            a.deliver("first", user);
            b.inbox.await("deliver " + user + " first");
        }
    }

    @Test
    void subscriptionsAreCountedAndTheLastUnsubscribeEndsThem() throws Exception {
        Node a = node();
        Node b = node();
        b.subscribed(1);
        b.subscribed(1);
        b.subscribed(2);
        b.bus.unsubscribe(1);
        a.deliver("still", 1);
        a.deliver("barrier", 2);
        b.inbox.await("deliver 2 barrier");
        assertThat(b.inbox.events).contains("deliver 1 still");
        b.bus.unsubscribe(1);
        awaitNoLongerReceiving(a, b, 1, 2);
    }

    @Test
    void overlappingSubscribesAndUnsubscribesOfOneUserEndAsCounted() throws Exception {
        Node a = node();
        Node b = node();
        b.subscribed(2);
        CompletableFuture<Void> held = new CompletableFuture<>();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean holder = t == 0;
            threads.add(CompletableFuture.runAsync(() -> {
                awaitLatch(go);
                for (int i = 0; i < 200; i++) {
                    if (holder && i == 100) {
                        b.bus.subscribe(1).whenComplete((ok, failure) -> complete(held, failure));
                    }
                    b.bus.subscribe(1);
                    b.bus.unsubscribe(1);
                }
            }));
        }
        go.countDown();
        threads.forEach(CompletableFuture::join);
        held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        a.deliver("held", 1);
        b.inbox.await("deliver 1 held");

        b.bus.unsubscribe(1);
        awaitNoLongerReceiving(a, b, 1, 2);
        b.subscribed(1);
        a.deliver("again", 1);
        b.inbox.await("deliver 1 again");
    }

    @Test
    void disconnectsReachEveryNodeOnce() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();
        a.bus.disconnectDevice(7, ErrorCode.SESSION_REVOKED);
        a.bus.disconnectDevice(8, ErrorCode.SESSION_REVOKED);
        for (Node node : List.of(a, b, c)) {
            node.inbox.await("disconnect 8 session_revoked");
            assertThat(node.inbox.events).containsExactly("disconnect 7 session_revoked", "disconnect 8 session_revoked");
        }
    }

    /** Delivers to the user, with a barrier to another, until a round where the user's delivery is absent. */
    private void awaitNoLongerReceiving(Node publisher, Node receiver, long user, long barrierUser) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int round = 0; System.nanoTime() < deadline; round++) {
            publisher.deliver("probe " + round, user);
            publisher.deliver("barrier " + round, barrierUser);
            receiver.inbox.await("deliver " + barrierUser + " barrier " + round);
            if (!receiver.inbox.events.contains("deliver " + user + " probe " + round)) {
                publisher.deliver("late", user);
                publisher.deliver("late barrier", barrierUser);
                receiver.inbox.await("deliver " + barrierUser + " late barrier");
                assertThat(receiver.inbox.events).doesNotContain("deliver " + user + " late");
                return;
            }
            Thread.sleep(10);
        }
        fail("node still receives deliveries to user " + user + " after its last unsubscribe");
    }

    private Node node() {
        ClusterBus bus = newNode();
        started.add(bus);
        Inbox inbox = new Inbox();
        bus.start(inbox);
        return new Node(bus, inbox);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void complete(CompletableFuture<Void> future, Throwable failure) {
        if (failure == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(failure);
        }
    }

    /** A started node of the cluster and what reached its sessions. */
    private record Node(ClusterBus bus, Inbox inbox) {
        void subscribed(long user) throws Exception {
            bus.subscribe(user).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        void deliver(String text, long... users) {
            bus.deliver(Arrays.stream(users).boxed().toList(), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What reaches one node's sessions, one line per user: "deliver 1 hello", "disconnect 7 session_revoked". */
    private static final class Inbox implements LocalSessions {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(Collection<Long> userIds, byte[] frame) {
            for (long user : userIds) {
                events.add("deliver " + user + " " + new String(frame, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void disconnectDevice(long deviceId, ErrorCode reason) {
            events.add("disconnect " + deviceId + " " + reason.wire());
        }

        void await(String event) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!events.contains(event)) {
                if (System.nanoTime() > deadline) {
                    fail("'" + event + "' did not arrive within " + WAIT + "; arrived: " + last(events));
                }
                Thread.sleep(2);
            }
        }

        void await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (events.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail(count + " events did not arrive within " + WAIT + "; " + events.size() + " did");
                }
                Thread.sleep(2);
            }
        }

        private static List<String> last(List<String> events) {
            return events.subList(Math.max(0, events.size() - 10), events.size());
        }
    }
}
