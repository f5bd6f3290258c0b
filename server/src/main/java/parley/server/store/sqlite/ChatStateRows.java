package parley.server.store.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import parley.protocol.model.ChatState;

/**
 * How a member's {@link ChatState} is read: the chat's last seq, the member's watermarks, and the
 * minimum watermarks over the other members (the member's own when alone in the chat, as in a chat
 * with oneself). Stateless.
 */
final class ChatStateRows {

    /**
     * Selects {@code me.chat_id} and the state's columns, from {@code members me} joined to
     * {@code chats c}; the caller adds the WHERE clause.
     */
    static final String SELECT = """
            SELECT me.chat_id, c.last_seq, me.delivered_seq, me.read_seq,
                   (SELECT MIN(o.delivered_seq) FROM members o
                     WHERE o.chat_id = me.chat_id AND o.user_id <> me.user_id),
                   (SELECT MIN(o.read_seq) FROM members o
                     WHERE o.chat_id = me.chat_id AND o.user_id <> me.user_id)
              FROM members me JOIN chats c ON c.id = me.chat_id
            """;

    private ChatStateRows() {
    }

    static ChatState read(ResultSet row) throws SQLException {
        long delivered = row.getLong(3);
        long read = row.getLong(4);
        long othersDelivered = row.getLong(5);
        if (row.wasNull()) {
            othersDelivered = delivered;
        }
        long othersRead = row.getLong(6);
        if (row.wasNull()) {
            othersRead = read;
        }
        return new ChatState(row.getLong(1), row.getLong(2), delivered, read, othersDelivered, othersRead);
    }
}
