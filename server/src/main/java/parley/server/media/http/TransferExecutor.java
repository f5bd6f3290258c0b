package parley.server.media.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Runs uploads' chunks and downloads, each on its own virtual thread (a transfer blocks on the
 * network and the blob store for as long as it lasts, which must not hold a pooled thread), at most
 * {@code maxTransfers} at once on this node; past that, {@link #execute} refuses with
 * {@link RejectedExecutionException}, which callers answer with {@code overloaded}.
 */
public final class TransferExecutor {
    private final Semaphore slots;
    private final Thread.Builder threads = Thread.ofVirtual().name("parley-transfer-", 0);

    public TransferExecutor(int maxTransfers) {
        this.slots = new Semaphore(maxTransfers);
    }

    public void execute(Runnable transfer) {
        if (!slots.tryAcquire()) {
            throw new RejectedExecutionException("too many transfers at once");
        }
        try {
            threads.start(() -> {
                try {
                    transfer.run();
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException | Error e) {
            slots.release();
            throw e;
        }
    }
}
