package parley.server.store.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import parley.server.store.JdbcGroupStore;
import parley.server.store.JdbcTransactions;

/**
 * The PostgreSQL side of {@link JdbcGroupStore}: reads in a snapshot, changes in a READ COMMITTED
 * transaction that locks the chat row {@code FOR NO KEY UPDATE}, the lock {@link BatchAppend} takes,
 * so an append never sees members older than the last change; client ids as uuid, bodies as UTF-8.
 */
final class PostgresGroupStore {

    private PostgresGroupStore() {
    }

    /** How the shared JDBC stores reach this database. */
    static JdbcTransactions transactions(PostgresDatabase database) {
        return new JdbcTransactions() {
            @Override
            public <T> T read(JdbcTransactions.SqlWork<T> work) {
                return database.snapshot(work::apply);
            }

            @Override
            public <T> T write(JdbcTransactions.SqlWork<T> work) {
                return database.transaction(work::apply);
            }
        };
    }

    static JdbcGroupStore open(JdbcTransactions transactions) {
        return new JdbcGroupStore(transactions, new JdbcGroupStore.Dialect() {
            @Override
            public String lockChatRow() {
                return " FOR NO KEY UPDATE";
            }

            @Override
            public void bindUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
                statement.setObject(index, value);
            }

            @Override
            public void bindBody(PreparedStatement statement, int index, String body) throws SQLException {
                statement.setBytes(index, body.getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
