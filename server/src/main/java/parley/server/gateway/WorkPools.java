package parley.server.gateway;

import java.time.Clock;
import java.util.List;

/**
 * The node's pools of blocking work, one per kind, so that a flood of one kind never makes another
 * wait: {@code api} for token checks, store reads and the JSON API; {@code hashing} for password
 * hashing (logins, registrations); {@code media} for finishing uploads (content sniffing, image
 * decoding and thumbnails, ffmpeg). Each is bounded in threads, in queue and in how long a request
 * may wait.
 */
public record WorkPools(BlockingExecutor api, BlockingExecutor hashing, BlockingExecutor media) implements AutoCloseable {
    /** How long a client's request may wait for a thread before it is answered {@code overloaded}. */
    public static final long MAX_WAIT_MILLIS = 10_000;

    /** Pools sized for this machine: API work by cores, hashing and media small. */
    public static WorkPools forCores(int cores, Clock clock) {
        return new WorkPools(
                new BlockingExecutor("api", Math.max(4, 4 * cores), 10_000, MAX_WAIT_MILLIS, clock),
                new BlockingExecutor("hashing", Math.max(1, cores), 256, MAX_WAIT_MILLIS, clock),
                new BlockingExecutor("media", Math.max(1, cores / 2), 64, 60_000, clock));
    }

    /** The pool for an API request: logins and registrations hash, an upload's completion decodes. */
    public BlockingExecutor forRequest(String method, String path) {
        if (path.equals("/api/login") || path.equals("/api/register")) {
            return hashing;
        }
        if (path.startsWith("/api/media/uploads/") && path.endsWith("/complete")) {
            return media;
        }
        return api;
    }

    public List<BlockingExecutor> all() {
        return List.of(api, hashing, media);
    }

    @Override
    public void close() {
        all().forEach(BlockingExecutor::close);
    }
}
