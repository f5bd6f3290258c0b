package parley.server.gateway;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where work that blocks (store reads, password hashing) runs, never on an event loop. Bounded in
 * threads and in queued tasks: past the queue, tasks are rejected and the request is answered
 * {@code overloaded} rather than queued without end.
 */
public final class BlockingExecutor implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    public BlockingExecutor(int threads, int queue) {
        AtomicInteger counter = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                r -> Thread.ofPlatform().name("parley-blocking-" + counter.incrementAndGet()).daemon(true).unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the task on a pool thread; throws RejectedExecutionException when full. */
    public void execute(Runnable task) {
        pool.execute(task);
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
