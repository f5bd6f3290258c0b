package parley.server.store.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded SQLite database is opened.
 *
 * @param synchronous when a commit reaches the disk: {@link Synchronous#FULL} (the default) fsyncs
 *     the write-ahead log at every commit, so an acknowledged message survives a power cut;
 *     {@link Synchronous#NORMAL} survives a crash of the process but not of the machine
 * @param busyTimeout how long a connection waits for a lock held by another process
 * @param readers how many read-only connections serve reads beside the one writer
 */
public record SqliteOptions(Synchronous synchronous, Duration busyTimeout, int readers) {

    /** SQLite's {@code PRAGMA synchronous} levels that keep committed data safe in WAL mode. */
    public enum Synchronous { FULL, NORMAL }

    public SqliteOptions {
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and "
                    + Integer.MAX_VALUE + " ms, got " + busyTimeout);
        }
        if (readers < 1 || readers > 64) {
            throw new IllegalArgumentException("readers must be between 1 and 64, got " + readers);
        }
    }

    /** Full durability, a 5 second busy timeout, 4 readers. */
    public static SqliteOptions defaults() {
        return new SqliteOptions(Synchronous.FULL, Duration.ofSeconds(5), 4);
    }

    public SqliteOptions withSynchronous(Synchronous level) {
        return new SqliteOptions(level, busyTimeout, readers);
    }
}
