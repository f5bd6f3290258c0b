package parley.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;
import parley.protocol.model.ReceiptKind;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;
import parley.server.store.Append;
import parley.server.store.AppendResult;
import parley.server.store.HistoryQuery;

/**
 * Several Parley nodes on one database: two {@link PostgresStorage} instances (two pools, as two
 * processes would have) writing to the same chats at the same moments. Order, exactly-once and
 * deadlock freedom must hold across them, not only within one node.
 */
class PostgresMultiNodeTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    private static final int THREADS_PER_NODE = 4;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private PostgresStorage nodeA;
    private PostgresStorage nodeB;
    private long alice;
    private long bob;
    private long carol;

    @BeforeEach
    void twoNodesOnOneDatabase() throws Exception {
        PostgresOptions options = databases.server().options(databases.create());
        List<PostgresStorage> nodes = concurrently(2, i -> PostgresStorage.open(options));
        nodeA = nodes.get(0);
        nodeB = nodes.get(1);
        alice = nodeA.accounts().createUser("alice", HASH, T0).orElseThrow().id();
        bob = nodeB.accounts().createUser("bob", HASH, T0).orElseThrow().id();
        carol = nodeA.accounts().createUser("carol", HASH, T0).orElseThrow().id();
    }

    @AfterEach
    void closeNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void bothNodesMigratedOneSchema() {
        long chat = nodeA.chats().openDirect(alice, bob, T0);

        assertThat(nodeB.chats().openDirect(bob, alice, T0)).isEqualTo(chat);
        assertThat(nodeB.accounts().findUser("ALICE")).map(u -> u.id()).contains(alice);
    }

    @Test
    void concurrentWritersOnTwoNodesGetSeqsOneToNWithoutGapOrRepeat() throws Exception {
        long chat = nodeA.chats().openDirect(alice, bob, T0);
        int perThread = 40;

        List<List<Long>> seqsByThread = concurrently(2 * THREADS_PER_NODE, i -> {
            PostgresStorage node = i % 2 == 0 ? nodeA : nodeB;
            long sender = i % 4 < 2 ? alice : bob;
            List<Long> seqs = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                List<Append> batch = List.of(text(chat, sender, UUID.randomUUID()),
                        text(chat, sender, UUID.randomUUID()));
                for (AppendResult result : node.messages().append(batch, T0 + n)) {
                    seqs.add(stored(result).message().seq());
                }
            }
            return seqs;
        });

        long total = 2L * THREADS_PER_NODE * perThread * 2;
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        assertThat(seqsByThread.stream().flatMap(List::stream).sorted().toList()).containsExactlyElementsOf(expected);
        seqsByThread.forEach(seqs -> assertThat(seqs).as("one writer's messages keep their order").isSorted());
        assertThat(nodeA.messages().lastSeq(chat)).isEqualTo(total);
        assertThat(nodeB.messages().history(chat, new HistoryQuery(null, null, (int) total)).messages())
                .extracting(ChatMessage::seq).containsExactlyElementsOf(expected);
    }

    @Test
    void theSameMessageFromBothNodesAtOnceIsStoredOnceWithOneSeq() throws Exception {
        long chat = nodeA.chats().openDirect(alice, bob, T0);
        int rounds = 40;

        for (int round = 0; round < rounds; round++) {
            UUID id = UUID.randomUUID();
            Append retry = text(chat, alice, id);
            long now = T0 + round;
            List<AppendResult.Stored> both = concurrently(2, i -> stored(
                    (i == 0 ? nodeA : nodeB).messages().append(List.of(retry), now).getFirst()));

            assertThat(both.get(0).message()).isEqualTo(both.get(1).message());
            assertThat(both).filteredOn(stored -> !stored.duplicate()).as("one of the two stored it").hasSize(1);
            assertThat(both.get(0).message().seq()).isEqualTo(round + 1);
        }
        assertThat(nodeB.messages().history(chat, new HistoryQuery(null, null, 2 * rounds)).messages())
                .extracting(ChatMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, rounds).boxed().toList());
    }

    @Test
    void batchesTouchingTwoChatsInOppositeOrdersNeverDeadlock() throws Exception {
        long first = nodeA.chats().openDirect(alice, bob, T0);
        long second = nodeB.chats().openDirect(alice, carol, T0);
        int rounds = 60;

        concurrently(2 * THREADS_PER_NODE, i -> {
            PostgresStorage node = i % 2 == 0 ? nodeA : nodeB;
            long one = i % 2 == 0 ? first : second;
            long other = i % 2 == 0 ? second : first;
            for (int n = 0; n < rounds; n++) {
                node.messages().append(List.of(text(one, alice, UUID.randomUUID()),
                        text(other, alice, UUID.randomUUID()), text(one, alice, UUID.randomUUID())), T0 + n);
            }
            return null;
        });

        long perChat = (long) THREADS_PER_NODE * rounds * 3;
        for (long chat : List.of(first, second)) {
            assertThat(nodeA.messages().lastSeq(chat)).isEqualTo(perChat);
            assertThat(nodeB.messages().history(chat, new HistoryQuery(null, null, (int) perChat)).messages())
                    .extracting(ChatMessage::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, perChat).boxed().toList());
        }
    }

    @Test
    void watermarkBatchesInOppositeOrdersNeverDeadlockAndOnlyMoveForward() throws Exception {
        long first = nodeA.chats().openDirect(alice, bob, T0);
        long second = nodeA.chats().openDirect(alice, carol, T0);
        int rounds = 60;
        List<Append> messages = new ArrayList<>();
        for (int n = 0; n < rounds; n++) {
            messages.add(text(first, alice, UUID.randomUUID()));
            messages.add(text(second, alice, UUID.randomUUID()));
        }
        nodeA.messages().append(messages, T0);

        concurrently(2 * THREADS_PER_NODE, i -> {
            PostgresStorage node = i % 2 == 0 ? nodeA : nodeB;
            for (int n = 1; n <= rounds; n++) {
                List<Advance> batch = new ArrayList<>(List.of(
                        new Advance(first, bob, ReceiptKind.DELIVERED, n),
                        new Advance(second, carol, ReceiptKind.READ, n),
                        new Advance(first, alice, ReceiptKind.READ, n)));
                if (i % 2 == 1) {
                    batch = batch.reversed();
                }
                for (AdvanceResult result : node.messages().advance(batch, T0 + n)) {
                    assertThat(result).isInstanceOfAny(AdvanceResult.Moved.class, AdvanceResult.Unchanged.class);
                }
            }
            return null;
        });

        assertThat(nodeB.chats().summary(first, bob).orElseThrow().state().delivered()).isEqualTo(rounds);
        assertThat(nodeB.chats().summary(second, carol).orElseThrow().state().read()).isEqualTo(rounds);
        assertThat(nodeB.chats().summary(first, alice).orElseThrow().state().read()).isEqualTo(rounds);
    }

    @Test
    void openingOneDirectChatFromBothNodesAtOnceMakesOneChat() throws Exception {
        for (int round = 0; round < 10; round++) {
            long dave = nodeA.accounts().createUser("dave" + round, HASH, T0).orElseThrow().id();
            List<Long> ids = concurrently(2 * THREADS_PER_NODE, i -> i % 2 == 0
                    ? nodeA.chats().openDirect(alice, dave, T0)
                    : nodeB.chats().openDirect(dave, alice, T0));

            assertThat(Set.copyOf(ids)).hasSize(1);
            assertThat(nodeB.chats().members(ids.getFirst())).containsExactlyInAnyOrder(alice, dave);
        }
    }

    // ---- helpers ----

    private static Append text(long chatId, long senderId, UUID clientMsgId) {
        return new Append(chatId, senderId, clientMsgId, MessageKind.TEXT, "message " + clientMsgId);
    }

    private static AppendResult.Stored stored(AppendResult result) {
        assertThat(result).isInstanceOf(AppendResult.Stored.class);
        return (AppendResult.Stored) result;
    }

    /** A task that knows which of the threads it runs on. */
    @FunctionalInterface
    private interface Task<T> {
        T run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads released at one moment; their results in order. */
    private static <T> List<T> concurrently(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
