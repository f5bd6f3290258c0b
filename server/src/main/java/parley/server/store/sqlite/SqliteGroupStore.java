package parley.server.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import parley.server.store.JdbcGroupStore;
import parley.server.store.JdbcTransactions;

/**
 * The SQLite side of {@link JdbcGroupStore}: reads on a reader, changes on the single writer (which
 * is what orders them with appends; no row lock needed), client ids and bodies as text.
 */
final class SqliteGroupStore {

    private SqliteGroupStore() {
    }

    /** How the shared JDBC stores reach this database. */
    static JdbcTransactions transactions(SqliteDatabase database) {
        return new JdbcTransactions() {
            @Override
            public <T> T read(JdbcTransactions.SqlWork<T> work) {
                return database.read(work::apply);
            }

            @Override
            public <T> T write(JdbcTransactions.SqlWork<T> work) {
                return database.write(work::apply);
            }
        };
    }

    static JdbcGroupStore open(JdbcTransactions transactions) {
        return new JdbcGroupStore(transactions, new JdbcGroupStore.Dialect() {
            @Override
            public String lockChatRow() {
                return "";
            }

            @Override
            public void bindUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
                statement.setString(index, value.toString());
            }

            @Override
            public void bindBody(PreparedStatement statement, int index, String body) throws SQLException {
                statement.setString(index, body);
            }
        });
    }
}
