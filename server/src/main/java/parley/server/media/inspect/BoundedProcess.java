package parley.server.media.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external program with a time limit and an output limit: it is killed when it runs longer
 * than the time limit or writes more than the output limit to its standard output; its standard
 * input is empty and its error output discarded. The result is its output when it ended by itself
 * with exit code 0, else empty.
 *
 * <p>Runs at once are bounded by a semaphore that may be shared by several of these: a run first
 * waits for a permit, at most the time limit, and gives up (empty) when none frees.
 *
 * <p>Thread-safe: each run has its own process and reader thread; the semaphore is the only shared state.
 */
final class BoundedProcess {
    private final Duration timeLimit;
    private final int outputLimit;
    private final Semaphore running;

    BoundedProcess(Duration timeLimit, int outputLimit, Semaphore running) {
        this.timeLimit = timeLimit;
        this.outputLimit = outputLimit;
        this.running = running;
    }

    Optional<byte[]> run(List<String> command) throws IOException {
        try {
            if (!running.tryAcquire(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return runHoldingPermit(command);
        } finally {
            running.release();
        }
    }

    private Optional<byte[]> runHoldingPermit(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        CompletableFuture<Optional<byte[]>> output = new CompletableFuture<>();
        Thread.ofVirtual().name("bounded-process-output").start(() -> output.complete(readBounded(process)));
        try {
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            Optional<byte[]> result = output.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue() == 0 ? result : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } finally {
            destroy(process);
        }
    }

    /** The whole output, or empty (and the process killed) once it passes the limit. */
    private Optional<byte[]> readBounded(Process process) {
        try (InputStream in = process.getInputStream()) {
            byte[] bytes = in.readNBytes(outputLimit + 1);
            if (bytes.length > outputLimit) {
                destroy(process);
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
