package parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in a read or a write transaction of a store's database: how the stores shared by
 * SQLite and PostgreSQL ({@link JdbcGroupStore}, {@link JdbcPresenceStore}) reach it. SQLite's
 * writes go through its single writer connection; PostgreSQL's through its pool.
 */
public interface JdbcTransactions {

    /** Work in one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    <T> T read(SqlWork<T> work);

    <T> T write(SqlWork<T> work);
}
