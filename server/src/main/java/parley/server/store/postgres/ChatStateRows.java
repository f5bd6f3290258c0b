package parley.server.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import parley.protocol.model.ChatState;

/**
 * How a member's {@link ChatState} is read: the chat's last seq, the member's watermarks, and the
 * minimum watermarks over the other members (the member's own when alone in the chat, as in a chat
 * with oneself). Every lookup is by the member's own chat id. Stateless.
 */
final class ChatStateRows {

    /** The state's columns, in the order {@link #read} expects. */
    static final String COLUMNS = "me.chat_id, c.last_seq, me.delivered_seq, me.read_seq, o.delivered, o.read";

    /** {@code members me} joined to its chat {@code c} and the others' minimum watermarks {@code o}. */
    static final String FROM = """
             FROM members me
             JOIN chats c ON c.id = me.chat_id
            CROSS JOIN LATERAL (SELECT min(x.delivered_seq) AS delivered, min(x.read_seq) AS read
                                  FROM members x
                                 WHERE x.chat_id = me.chat_id AND x.user_id <> me.user_id) o
            """;

    /** Selects {@link #COLUMNS}; the caller adds the WHERE clause. */
    static final String SELECT = "SELECT " + COLUMNS + FROM;

    /** How many columns {@link #read} reads. */
    static final int COUNT = 6;

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
