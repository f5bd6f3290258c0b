package parley.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.postgresql.core.BaseConnection;

/**
 * A pool of connections to one PostgreSQL database (HikariCP), and the three ways the stores use a
 * connection.
 *
 * <ul>
 *   <li>{@link #query}: one statement in autocommit mode, for single-statement reads.</li>
 *   <li>{@link #snapshot}: several reads in one READ ONLY, REPEATABLE READ transaction, so that all
 *   of them see the same committed state (a chat summary, a sync page).</li>
 *   <li>{@link #transaction}: a READ COMMITTED write transaction, committed when the work returns
 *   and rolled back when it throws: all of it is stored, or none of it.</li>
 * </ul>
 *
 * <p><b>Concurrency.</b> Any number of threads, of this node and of other nodes, may run at once:
 * a connection is used by one thread at a time, and the rules that keep concurrent writers correct
 * (lock order, dedupe under the chat's lock) are the write transactions' own; see
 * {@link BatchAppend} and {@link BatchAdvance}. <b>Hazard:</b> when the database is down, a call
 * waits up to the connection timeout for a connection, then throws: keep that timeout short. A
 * statement on a connection that stops answering fails after the driver's socket timeout (see
 * {@link ConnectionProbe#driverProperties}).
 *
 * <p>Every failure surfaces as a {@link PostgresStorageException} after the transaction was rolled
 * back (see there for the one undecidable case, a connection lost during the commit). A connection
 * found broken is evicted from the pool by the store, quietly: a database restart is an expected
 * event, not a stack trace in the log.
 */
final class PostgresDatabase implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final long MAX_VALIDATION_MILLIS = 5_000;

    /** Server shutting down, crashed, or starting: the connection is gone (SQLSTATE class 57P). */
    private static final Set<String> BROKEN_STATES = Set.of("57P01", "57P02", "57P03");

    private final HikariDataSource pool;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Checks that the database can be reached with the options, then opens the pool.
     *
     * @throws PostgresStorageException saying what is wrong when it cannot be reached
     */
    static PostgresDatabase open(PostgresOptions options) {
        ConnectionProbe.probe(options);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        config.setUsername(options.user());
        config.setPassword(options.password());
        config.setMaximumPoolSize(options.poolSize());
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(options.connectionTimeout().toMillis(), MAX_VALIDATION_MILLIS));
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setExceptionOverride(new EvictionByStore());
        for (Map.Entry<Object, Object> property : ConnectionProbe.driverProperties(options).entrySet()) {
            config.addDataSourceProperty((String) property.getKey(), property.getValue());
        }
        try {
            return new PostgresDatabase(new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            // the database went away between the probe and the pool's first connection
            Throwable cause = e.getCause();
            String reason = cause instanceof SQLException sql ? ConnectionProbe.reason(sql) : e.getMessage();
            throw new PostgresStorageException(ConnectionProbe.prefix(options) + ": " + reason, e);
        }
    }

    /** Runs {@code work}, one statement, in autocommit mode. */
    <T> T query(SqlWork<T> work) {
        return withConnection("statement", work);
    }

    /** Runs {@code work} in one read-only transaction that sees one snapshot of the database. */
    <T> T snapshot(SqlWork<T> work) {
        return withConnection("read", connection -> inTransaction(connection,
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", work));
    }

    /** Runs {@code work} in one READ COMMITTED write transaction: all of it is committed, or none. */
    <T> T transaction(SqlWork<T> work) {
        return withConnection("write", connection -> inTransaction(connection, null, work));
    }

    private <T> T withConnection(String what, SqlWork<T> work) {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw failure(what, e);
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            if (isBroken(connection, e)) {
                pool.evictConnection(connection);
            }
            throw failure(what, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection that could not be reset; evicted above or at its next validation
            }
        }
    }

    private static <T> T inTransaction(Connection connection, String characteristics, SqlWork<T> work)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (characteristics != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(characteristics);
                }
            }
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (Throwable failure) {
            rollback(connection, failure);
            throw failure;
        } finally {
            restoreAutoCommit(connection);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection broke; the pool resets or evicts it when it is given back
        }
    }

    /** Whether the connection is lost (server gone, shut down, network cut) rather than the statement refused. */
    private static boolean isBroken(Connection connection, SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("08") || BROKEN_STATES.contains(state))) {
                return true;
            }
        }
        try {
            return connection.unwrap(BaseConnection.class).isClosed(); // the driver's, not the pool's proxy
        } catch (SQLException e) {
            return true;
        }
    }

    private static PostgresStorageException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]";
        return new PostgresStorageException("PostgreSQL " + what + " failed" + state + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Tells the pool not to evict connections on its own when a statement fails: it would log each
     * one with a stack trace, as if a database restart were a bug. The store evicts the connections
     * it finds broken instead ({@link #isBroken}), and the pool still drops dead idle ones when it
     * validates them.
     */
    private static final class EvictionByStore implements SQLExceptionOverride {
        @java.lang.Override
        public Override adjudicate(SQLException e) {
            return Override.DO_NOT_EVICT;
        }
    }
}
