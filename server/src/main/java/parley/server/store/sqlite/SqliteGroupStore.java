package parley.server.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import parley.server.store.JdbcGroupStore;

/**
 * The SQLite side of {@link JdbcGroupStore}: reads on a reader, changes on the single writer (which
 * is what orders them with appends; no row lock needed), client ids and bodies as text.
 */
final class SqliteGroupStore {

    private SqliteGroupStore() {
    }

    static JdbcGroupStore open(SqliteDatabase database) {
        return new JdbcGroupStore(new JdbcGroupStore.Transactions() {
            @Override
            public <T> T read(JdbcGroupStore.SqlWork<T> work) {
                return database.read(work::apply);
            }

            @Override
            public <T> T write(JdbcGroupStore.SqlWork<T> work) {
                return database.write(work::apply);
            }
        }, new JdbcGroupStore.Dialect() {
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
