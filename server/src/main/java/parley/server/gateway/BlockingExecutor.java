package parley.server.gateway;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One pool of threads for work that blocks (store reads, password hashing, image decoding), never on
 * an event loop. Bounded in threads and in queued tasks: past the queue, tasks are rejected and the
 * request is answered {@code overloaded} rather than queued without end. A request's task that
 * waited in the queue longer than {@code maxWait} (its client has most likely given up) is not run
 * but answered {@code overloaded}, and one whose client is gone is dropped unrun, so that a flood
 * that went away leaves no backlog of work nobody waits for.
 *
 * <p>Each kind of heavy work has a pool of its own (see {@link WorkPools}), so a flood of one kind
 * never makes another wait. Thread-safe.
 */
public final class BlockingExecutor implements AutoCloseable {
    private final String name;
    private final int threads;
    private final ThreadPoolExecutor pool;
    private final long maxWaitMillis;
    private final Clock clock;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long lastFinished;

    public BlockingExecutor(String name, int threads, int queue, long maxWaitMillis, Clock clock) {
        this.name = name;
        this.threads = threads;
        this.maxWaitMillis = maxWaitMillis;
        this.clock = clock;
        this.lastFinished = clock.millis();
        AtomicInteger counter = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                r -> Thread.ofPlatform().name("parley-" + name + "-" + counter.incrementAndGet()).daemon(true).unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs internal work (no client waits for it) on a pool thread; throws RejectedExecutionException when full. */
    public void execute(Runnable task) {
        pool.execute(() -> tracked(task));
    }

    /**
     * Runs a client's request on a pool thread, unless by then the client is gone ({@code wanted}
     * is false: dropped) or it waited longer than the pool's deadline ({@code tooLate} runs instead,
     * to answer {@code overloaded}). Throws RejectedExecutionException when the queue is full.
     */
    public void submit(Runnable work, BooleanSupplier wanted, Runnable tooLate) {
        long queuedAt = clock.millis();
        pool.execute(() -> {
            if (!wanted.getAsBoolean()) {
                return;
            }
            tracked(clock.millis() - queuedAt > maxWaitMillis ? tooLate : work);
        });
    }

    private void tracked(Runnable task) {
        busy.incrementAndGet();
        try {
            task.run();
        } finally {
            busy.decrementAndGet();
            lastFinished = clock.millis();
        }
    }

    public String name() {
        return name;
    }

    /** The longest a request may wait in the queue before it is answered {@code overloaded}. */
    public long maxWaitMillis() {
        return maxWaitMillis;
    }

    /**
     * True when every thread has been busy and none finished a task for {@code millis}: the pool is
     * stuck (a dead database, a hung call) and the node should stop taking clients.
     */
    public boolean stuckFor(long millis) {
        return busy.get() >= threads && clock.millis() - lastFinished > millis;
    }

    /** Tasks waiting for a thread. */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
