package parley.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.core.DB;

/**
 * The connections to one SQLite file in WAL mode: one writer and a small pool of read-only
 * readers.
 *
 * <p><b>Concurrency.</b> SQLite admits one writer per file at a time, so every write goes through
 * the single writer connection, inside one {@code BEGIN IMMEDIATE} transaction, while holding
 * {@code writeLock}: at most one transaction is open on the writer, and it is committed or rolled
 * back before the lock is released. Readers come one thread at a time from a blocking queue; each
 * read runs in one deferred transaction, so all its statements see the same committed snapshot. In
 * WAL mode readers never wait for the writer nor the writer for readers. A connection is only ever
 * used by the thread that holds it (sqlite-jdbc connections are not safe to share).
 *
 * <p><b>Hazards.</b> A {@link #read} nested inside a {@link #write} on the same thread would not
 * see the write's uncommitted rows, and a {@code write} nested in a {@code write} would fail on the
 * second {@code BEGIN}: store code never nests them. Between transactions the writer stays in
 * autocommit mode, so it holds no lock while idle (other processes, such as a backup, can write).
 *
 * <p><b>Closing.</b> After {@link #close} every new read or write throws
 * {@link IllegalStateException}; a reader in use at that moment is closed when it is given back.
 */
final class SqliteDatabase implements AutoCloseable {

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final long READER_POLL_MILLIS = 100;
    private static final int SQLITE_OK = 0;

    private final SQLiteDataSource writerSource;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;
    private volatile boolean closed;

    private SqliteDatabase(SQLiteDataSource writerSource, Connection writer, BlockingQueue<Connection> readers) {
        this.writerSource = writerSource;
        this.writer = writer;
        this.readers = readers;
    }

    /** Opens (creating if needed) the file: the writer first, which turns on WAL, then the readers. */
    static SqliteDatabase open(Path file, SqliteOptions options) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteDataSource writerSource = new SQLiteDataSource(writerConfig(options));
        writerSource.setUrl(url);
        Connection writer = writerSource.getConnection();
        BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(options.readers());
        try {
            SQLiteConfig readerConfig = readerConfig(options);
            for (int i = 0; i < options.readers(); i++) {
                readers.add(readerConfig.createConnection(url));
            }
        } catch (SQLException | RuntimeException e) {
            closeAll(readers, e);
            closeQuietly(writer, e);
            throw e;
        }
        return new SqliteDatabase(writerSource, writer, readers);
    }

    private static SQLiteConfig writerConfig(SqliteOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(switch (options.synchronous()) {
            case FULL -> SQLiteConfig.SynchronousMode.FULL;
            case NORMAL -> SQLiteConfig.SynchronousMode.NORMAL;
        });
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        // no hidden "SELECT last_insert_rowid()" after every insert: nothing reads generated keys
        config.setGetGeneratedKeys(false);
        // 64 MiB of page cache (negative = KiB): the message indexes stay in memory longer
        config.setCacheSize(-64 * 1024);
        return config;
    }

    private static SQLiteConfig readerConfig(SqliteOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setGetGeneratedKeys(false);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setCacheSize(-16 * 1024);
        return config;
    }

    /**
     * A data source with the writer's settings, for tools that bring their own connection (the
     * schema migrations), used before the database serves any request.
     */
    DataSource writerDataSource() {
        return writerSource;
    }

    /** Runs {@code work} in one read transaction on a reader connection. */
    <T> T read(SqlWork<T> work) {
        Connection reader = takeReader();
        try {
            return inTransaction(reader, "BEGIN", work);
        } catch (SQLException e) {
            throw new SqliteStorageException("read failed: " + e.getMessage(), e);
        } finally {
            giveBack(reader);
        }
    }

    /** Runs {@code work} in one write transaction: all of it is committed, or none of it. */
    <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            return inTransaction(writer, "BEGIN IMMEDIATE", work);
        } catch (SQLException e) {
            throw new SqliteStorageException("write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static <T> T inTransaction(Connection connection, String begin, SqlWork<T> work) throws SQLException {
        begin(connection, begin);
        try {
            T result = work.apply(connection);
            execute(connection, "COMMIT");
            return result;
        } catch (Throwable failure) {
            try {
                execute(connection, "ROLLBACK");
            } catch (SQLException | RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
    }

    /**
     * Begins a transaction. One still open on this connection can only be left by a failure whose
     * rollback failed too (say, out of memory); the caller holds the connection alone, so nothing
     * else is using that transaction and nothing of it was committed: it is rolled back, and the
     * connection serves again instead of failing every later request.
     */
    private static void begin(Connection connection, String begin) throws SQLException {
        try {
            execute(connection, begin);
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("within a transaction")) {
                throw e;
            }
            execute(connection, "ROLLBACK");
            execute(connection, begin);
        }
    }

    /**
     * Runs a transaction-control statement (BEGIN, COMMIT, ROLLBACK) straight through
     * {@code sqlite3_exec}: no JDBC statement object, no lookup of generated keys, nothing registered
     * and finalized per call. These run twice per transaction, so on the read path (every token
     * check, sync page and presence lookup) the JDBC route was most of the cost.
     */
    private static void execute(Connection connection, String sql) throws SQLException {
        DB db = connection.unwrap(SQLiteConnection.class).getDatabase();
        int rc = db._exec(sql);
        if (rc != SQLITE_OK) {
            db.throwex(rc);
        }
    }

    private Connection takeReader() {
        try {
            while (true) {
                ensureOpen();
                Connection reader = readers.poll(READER_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (reader != null) {
                    if (closed) {
                        giveBack(reader);
                        ensureOpen();
                    }
                    return reader;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqliteStorageException("interrupted while waiting for a reader connection", e);
        }
    }

    // Offer first, then check: close() sets the flag first, then drains. Whichever runs last
    // finds the connection in the queue and closes it, so none is left open after close().
    private void giveBack(Connection reader) {
        readers.add(reader);
        if (closed) {
            closeAll(readers, null);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the SQLite storage is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(writer, null);
        } finally {
            writeLock.unlock();
        }
        closeAll(readers, null);
    }

    private static void closeAll(BlockingQueue<Connection> connections, Throwable primary) {
        Connection connection;
        while ((connection = connections.poll()) != null) {
            closeQuietly(connection, primary);
        }
    }

    private static void closeQuietly(Connection connection, Throwable primary) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
