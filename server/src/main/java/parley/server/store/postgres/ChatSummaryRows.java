package parley.server.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.UserRef;

/**
 * Reads chat summaries as a member sees them, any number of chats in two statements: one for the
 * chats (state, last message, unread count), one for their members' names. Run it inside a
 * snapshot, so that both statements see the same chats. Stateless.
 */
final class ChatSummaryRows {

    /** Sets the parameters of a {@link #read} condition, from the second on (the first is the user). */
    @FunctionalInterface
    interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private static final int KIND = ChatStateRows.COUNT + 1;
    private static final int LAST_ACTIVITY = KIND + 1;
    private static final int UNREAD = KIND + 2;
    private static final int LAST_MESSAGE = KIND + 3;
    private static final int TITLE = LAST_MESSAGE + 8;

    private static final String SELECT = "SELECT " + ChatStateRows.COLUMNS + """
            , c.kind, c.last_activity,
                   (SELECT count(*) FROM messages u
                     WHERE u.chat_id = me.chat_id AND u.seq > me.read_seq AND u.sender_id <> me.user_id),
                   lm.chat_id, lm.seq, lm.sender_id, lm.client_msg_id, lm.kind, lm.body, lm.server_time, lm.media, g.title
            """ + ChatStateRows.FROM + """
              LEFT JOIN messages lm ON lm.chat_id = me.chat_id AND lm.seq = c.last_seq
              LEFT JOIN groups g ON g.chat_id = me.chat_id
             WHERE me.user_id = ?
            """;

    private ChatSummaryRows() {
    }

    /**
     * The summaries of the user's chats that {@code condition} keeps ("AND ..." on {@code me},
     * {@code c}, then any ORDER BY and LIMIT), in the order the statement gives them.
     */
    static List<ChatSummary> read(Connection connection, long userId, String condition, Parameters parameters)
            throws SQLException {
        record Row(ChatState state, ChatKind kind, long lastActivity, long unread, ChatMessage lastMessage,
                   String title) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SELECT + condition)) {
            query.setLong(1, userId);
            parameters.set(query);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    row.getLong(LAST_MESSAGE);
                    ChatMessage last = row.wasNull() ? null : MessageRows.read(row, LAST_MESSAGE);
                    rows.add(new Row(ChatStateRows.read(row),
                            ChatKind.valueOf(row.getString(KIND).toUpperCase(Locale.ROOT)),
                            row.getLong(LAST_ACTIVITY), row.getLong(UNREAD), last, row.getString(TITLE)));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<UserRef>> members = memberRefs(connection,
                rows.stream().map(row -> row.state().chatId()).toArray(Long[]::new));
        List<ChatSummary> summaries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long chatId = row.state().chatId();
            summaries.add(new ChatSummary(chatId, row.kind(), members.getOrDefault(chatId, List.of()), row.state(),
                    row.lastMessage(), row.unread(), row.lastActivity(), row.title()));
        }
        return summaries;
    }

    private static Map<Long, List<UserRef>> memberRefs(Connection connection, Long[] chatIds) throws SQLException {
        Map<Long, List<UserRef>> refs = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT m.chat_id, m.user_id, u.username FROM members m JOIN users u ON u.id = m.user_id
                 WHERE m.chat_id = ANY (?) ORDER BY m.chat_id, m.user_id""")) {
            Array ids = connection.createArrayOf("bigint", chatIds);
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    refs.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                            .add(new UserRef(rows.getLong(2), rows.getString(3)));
                }
            } finally {
                ids.free();
            }
        }
        return refs;
    }
}
