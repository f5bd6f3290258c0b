package parley.client.connection;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one thread on which the application hears from a connection: listener calls and future
 * completions run here, one at a time, in the order they were handed over, so the I/O thread
 * never runs application code. The listener is set once, at connect; events before it are lost
 * only if the application never connects.
 */
final class CallbackThread {
    private static final System.Logger LOG = System.getLogger(CallbackThread.class.getName());

    private final ExecutorService executor;
    private volatile ConnectionListener listener = new ConnectionListener() {
    };

    CallbackThread(ExecutorService executor) {
        this.executor = executor;
    }

    void listener(ConnectionListener value) {
        this.listener = value;
    }

    void call(Consumer<ConnectionListener> call) {
        run(() -> call.accept(listener));
    }

    <T> void complete(CompletableFuture<T> future, T value) {
        run(() -> future.complete(value));
    }

    void fail(CompletableFuture<?> future, Throwable error) {
        if (!run(() -> future.completeExceptionally(error))) {
            future.completeExceptionally(error);
        }
    }

    /** Lets the queued callbacks run, then ends the thread. */
    void shutdown() {
        executor.shutdown();
    }

    private boolean run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | AssertionError e) {
                    LOG.log(Level.WARNING, "a Parley listener callback threw", e);
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }
}
