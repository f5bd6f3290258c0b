package parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.model.MessageKind;
import parley.protocol.model.MessagePage;
import parley.protocol.model.ReceiptKind;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;
import parley.server.store.Append;
import parley.server.store.AppendResult;
import parley.server.store.HistoryQuery;
import parley.server.store.MessageStore;
import parley.server.store.Storage;
import parley.server.store.SyncPage;
import parley.server.store.sqlite.SqliteOptions;
import parley.server.store.sqlite.SqliteStorage;

/** The single writer on a real SQLite store: batching, order, bounds and failure. */
class GroupCommitWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Storage storage;
    private GatedStore gated;
    private long alice;
    private long chat;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
        alice = storage.accounts().createUser("alice", "hash", 0).orElseThrow().id();
        long bob = storage.accounts().createUser("bob", "hash", 0).orElseThrow().id();
        chat = storage.chats().openDirect(alice, bob, 0);
        gated = new GatedStore(storage.messages());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Append text(String body) {
        return new Append(chat, alice, UUID.randomUUID(), MessageKind.TEXT, body);
    }

    @Test
    void writesThatQueueUpWhileABatchCommitsAreCommittedTogetherInSubmissionOrder() throws Exception {
        List<Long> seqsInCallbackOrder = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1000);
        try (GroupCommitWriter writer = new GroupCommitWriter(gated, CLOCK, 512, 10_000)) {
            gated.hold();
            for (int i = 0; i < 1000; i++) {
                writer.append(text("m" + i), (result, error) -> {
                    seqsInCallbackOrder.add(((AppendResult.Stored) result).message().seq());
                    done.countDown();
                });
                if (i == 0) {
                    gated.awaitHeld();
                }
            }
            gated.release();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(gated.batchSizes).containsExactly(1, 512, 487);
        assertThat(seqsInCallbackOrder).isSorted().hasSize(1000).startsWith(1L).endsWith(1000L);
        MessagePage page = storage.messages().history(chat, new HistoryQuery(null, 0L, 500));
        assertThat(page.messages()).extracting(m -> m.text()).startsWith("m0", "m1", "m2");
    }

    @Test
    void aTaskRunsAloneBetweenTheWritesQueuedBeforeAndAfterIt() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(5);
        try (GroupCommitWriter writer = new GroupCommitWriter(gated, CLOCK, 512, 10_000)) {
            gated.hold();
            writer.append(text("first"), (r, e) -> {
                order.add("append " + ((AppendResult.Stored) r).message().seq());
                done.countDown();
            });
            gated.awaitHeld();
            writer.append(text("second"), (r, e) -> {
                order.add("append " + ((AppendResult.Stored) r).message().seq());
                done.countDown();
            });
            writer.run(() -> storage.messages().lastSeq(chat), (lastSeq, e) -> {
                order.add("task saw " + lastSeq);
                done.countDown();
            });
            writer.run(() -> {
                throw new IllegalStateException("a failing task");
            }, (r, e) -> {
                order.add("task failed: " + e.getMessage());
                done.countDown();
            });
            writer.append(text("third"), (r, e) -> {
                order.add("append " + ((AppendResult.Stored) r).message().seq());
                done.countDown();
            });
            gated.release();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).containsExactly("append 1", "append 2", "task saw 2", "task failed: a failing task",
                "append 3");
        assertThat(gated.batchSizes).containsExactly(1, 1, 1);
    }

    @Test
    void receiptsAreCommittedAndReportedLikeMessages() throws Exception {
        CountDownLatch done = new CountDownLatch(2);
        List<AdvanceResult> results = new CopyOnWriteArrayList<>();
        try (GroupCommitWriter writer = new GroupCommitWriter(gated, CLOCK, 512, 10_000)) {
            writer.append(text("hello"), (r, e) -> done.countDown());
            writer.advance(new Advance(chat, alice, ReceiptKind.READ, 1), (r, e) -> {
                results.add(r);
                done.countDown();
            });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(results).singleElement().isInstanceOf(AdvanceResult.Moved.class);
    }

    @Test
    void pastTheQueueBoundWritesAreRefusedAsOverloaded() throws Exception {
        try (GroupCommitWriter writer = new GroupCommitWriter(gated, CLOCK, 512, 10)) {
            gated.hold();
            writer.append(text("taken by the writer"), (r, e) -> { });
            gated.awaitHeld();
            for (int i = 0; i < 10; i++) {
                writer.append(text("queued " + i), (r, e) -> { });
            }
            assertThatThrownBy(() -> writer.append(text("one too many"), (r, e) -> { }))
                    .isInstanceOf(ProtocolException.class)
                    .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.OVERLOADED));
            gated.release();
        }
        assertThat(storage.messages().lastSeq(chat)).isEqualTo(11);
    }

    @Test
    void aFailedBatchFailsEveryWriteInItAndTheWriterGoesOn() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch failed = new CountDownLatch(3);
        CountDownLatch later = new CountDownLatch(1);
        try (GroupCommitWriter writer = new GroupCommitWriter(gated, CLOCK, 512, 10_000)) {
            // a task holds the writer thread, so that the three appends queue up into one batch
            CountDownLatch plugged = new CountDownLatch(1);
            CountDownLatch unplug = new CountDownLatch(1);
            writer.run(() -> {
                plugged.countDown();
                try {
                    return unplug.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, (r, e) -> {
            });
            assertThat(plugged.await(30, TimeUnit.SECONDS)).isTrue();
            gated.failNext.set(true);
            for (int i = 0; i < 3; i++) {
                writer.append(text("doomed"), (r, e) -> {
                    errors.add(e);
                    failed.countDown();
                });
            }
            unplug.countDown();
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
            writer.append(text("fine"), (r, e) -> later.countDown());
            assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(errors).hasSize(3).allMatch(e -> e != null);
        assertThat(storage.messages().lastSeq(chat)).isEqualTo(1);
    }

    @Test
    void closeCommitsWhatIsQueuedAndThenRefuses() {
        GroupCommitWriter writer = new GroupCommitWriter(gated, CLOCK, 512, 10_000);
        for (int i = 0; i < 50; i++) {
            writer.append(text("before close " + i), (r, e) -> { });
        }
        writer.close();
        assertThat(storage.messages().lastSeq(chat)).isEqualTo(50);
        assertThatThrownBy(() -> writer.append(text("after"), (r, e) -> { }))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.SHUTTING_DOWN));
    }

    /**
     * The real store, with a gate that can hold the writer inside a commit (so that writes pile up
     * behind it) or fail the next batch, and a record of each batch's size.
     */
    private static final class GatedStore implements MessageStore {
        private final MessageStore real;
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final AtomicBoolean failNext = new AtomicBoolean();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch held = new CountDownLatch(1);

        GatedStore(MessageStore real) {
            this.real = real;
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        void awaitHeld() throws InterruptedException {
            held.await(10, TimeUnit.SECONDS);
        }

        @Override
        public List<AppendResult> append(List<Append> batch, long now) {
            held.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batchSizes.add(batch.size());
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("disk full");
            }
            return real.append(new ArrayList<>(batch), now);
        }

        @Override
        public List<AdvanceResult> advance(List<Advance> batch, long now) {
            return real.advance(batch, now);
        }

        @Override
        public long lastSeq(long chatId) {
            return real.lastSeq(chatId);
        }

        @Override
        public MessagePage history(long chatId, HistoryQuery query) {
            return real.history(chatId, query);
        }

        @Override
        public SyncPage sync(long userId, Map<Long, Long> since, long fromChat, int limit, int maxChats,
                             long maxBytes) {
            return real.sync(userId, since, fromChat, limit, maxChats, maxBytes);
        }
    }
}
