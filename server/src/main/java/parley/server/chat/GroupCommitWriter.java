package parley.server.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;
import parley.server.store.Append;
import parley.server.store.AppendResult;
import parley.server.store.MessageStore;

/**
 * The one writer of this node: every message append and receipt advance goes through its single
 * thread, which takes whatever has queued up (up to {@code batchMax}) and commits it to the store in
 * one transaction, so one fsync serves the whole batch: group commit.
 *
 * <p>Invariants: (1) writes are committed in the order they were submitted, so the messages a
 * session sends keep their order in the chat; (2) a write's callback runs only after its batch is
 * durable, on the writer thread, in commit order, which lets callers ack and fan out in seq order
 * without further locking; (3) the queue is bounded: past {@code queueMax} waiting writes,
 * {@link #append} and {@link #advance} refuse with {@code overloaded} instead of growing memory.
 * Hazard: a callback that blocks stalls every chat of the node; callbacks only enqueue.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long POLL_MILLIS = 100;

    private final MessageStore store;
    private final Clock clock;
    private final int batchMax;
    private final BlockingQueue<Write> queue;
    private final Thread thread;
    private volatile boolean running = true;
    /** When the writer last finished a batch or found the queue empty: its heartbeat. */
    private volatile long lastProgress;

    private sealed interface Write {
    }

    private record AppendWrite(Append append, BiConsumer<AppendResult, Throwable> done) implements Write {
    }

    private record AdvanceWrite(Advance advance, BiConsumer<AdvanceResult, Throwable> done) implements Write {
    }

    private record TaskWrite<T>(Supplier<T> task, BiConsumer<T, Throwable> done) implements Write {
        void run() {
            T result;
            try {
                result = task.get();
            } catch (RuntimeException | Error e) {
                LOG.error("a write task failed; it was rolled back", e);
                GroupCommitWriter.notify(done, null, e);
                return;
            }
            GroupCommitWriter.notify(done, result, null);
        }
    }

    public GroupCommitWriter(MessageStore store, Clock clock, int batchMax, int queueMax) {
        this.store = store;
        this.clock = clock;
        this.batchMax = batchMax;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.lastProgress = clock.millis();
        this.thread = Thread.ofPlatform().name("parley-writer").daemon(false).unstarted(this::run);
        this.thread.start();
    }

    /** Queues an append; {@code done} runs on the writer thread once it is durable (or failed). */
    public void append(Append append, BiConsumer<AppendResult, Throwable> done) {
        submit(new AppendWrite(append, done));
    }

    /** Queues a watermark advance; {@code done} runs on the writer thread once it is durable (or failed). */
    public void advance(Advance advance, BiConsumer<AdvanceResult, Throwable> done) {
        submit(new AdvanceWrite(advance, done));
    }

    /**
     * Queues a write of its own transaction (a group's membership change), run on the writer thread
     * after the writes queued before it and before those queued after it; {@code done} runs there too.
     */
    public <T> void run(Supplier<T> task, BiConsumer<T, Throwable> done) {
        submit(new TaskWrite<>(task, done));
    }

    private void submit(Write write) {
        if (!running) {
            throw new ProtocolException(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
        }
        if (!queue.offer(write)) {
            throw new ProtocolException(ErrorCode.OVERLOADED, "the server is overloaded; retry later");
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>(batchMax);
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    lastProgress = clock.millis();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                commit(batch);
                lastProgress = clock.millis();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    // Appends and advances between two tasks are committed together; a task runs alone, in its place.
    private void commit(List<Write> batch) {
        List<AppendWrite> appends = new ArrayList<>();
        List<AdvanceWrite> advances = new ArrayList<>();
        for (Write write : batch) {
            switch (write) {
                case AppendWrite a -> appends.add(a);
                case AdvanceWrite a -> advances.add(a);
                case TaskWrite<?> t -> {
                    commit(appends, advances);
                    appends.clear();
                    advances.clear();
                    t.run();
                }
            }
        }
        commit(appends, advances);
    }

    private void commit(List<AppendWrite> appends, List<AdvanceWrite> advances) {
        long now = clock.millis();
        if (!appends.isEmpty()) {
            try {
                List<AppendResult> results = store.append(appends.stream().map(AppendWrite::append).toList(), now);
                for (int i = 0; i < results.size(); i++) {
                    notify(appends.get(i).done(), results.get(i), null);
                }
            } catch (RuntimeException | Error e) {
                // an Error too: this thread must outlive a bad batch, or every chat of the node stalls
                LOG.error("append batch of {} failed; nothing of it was stored", appends.size(), e);
                appends.forEach(a -> notify(a.done(), null, e));
            }
        }
        if (!advances.isEmpty()) {
            try {
                List<AdvanceResult> results = store.advance(advances.stream().map(AdvanceWrite::advance).toList(), now);
                for (int i = 0; i < results.size(); i++) {
                    notify(advances.get(i).done(), results.get(i), null);
                }
            } catch (RuntimeException | Error e) {
                LOG.error("receipt batch of {} failed; nothing of it was stored", advances.size(), e);
                advances.forEach(a -> notify(a.done(), null, e));
            }
        }
    }

    private static <R> void notify(BiConsumer<R, Throwable> done, R result, Throwable error) {
        try {
            done.accept(result, error);
        } catch (RuntimeException | Error e) {
            LOG.error("a commit callback failed", e);
        }
    }

    /**
     * Dead when the writer thread has ended while the node runs (no message can be stored again);
     * stuck when it has finished nothing for {@code stuckMillis} (a hung database): for health.
     */
    public java.util.Optional<parley.server.health.HealthCheck.Problem> problem(long stuckMillis) {
        if (running && !thread.isAlive()) {
            return parley.server.health.HealthCheck.dead("the writer thread has stopped");
        }
        long quiet = clock.millis() - lastProgress;
        if (running && quiet > stuckMillis) {
            return parley.server.health.HealthCheck.stuck("the writer has finished nothing for " + quiet / 1000
                    + " s, with " + queue.size() + " writes waiting");
        }
        return java.util.Optional.empty();
    }

    /** Stops taking writes, commits what is queued, and waits for the thread to end. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
