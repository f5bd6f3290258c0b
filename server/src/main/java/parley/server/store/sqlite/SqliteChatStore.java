package parley.server.store.sqlite;

import parley.server.store.ChatListCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.UserRef;
import parley.server.store.ChatStore;

/**
 * Chats and members in SQLite. A direct chat is found by its {@code direct_key} ("min:max" of the
 * two user ids, UNIQUE), so opening it twice, from either side or at once, yields one chat. Each
 * summary is read in one snapshot. Thread-safe: all state is in the database.
 */
final class SqliteChatStore implements ChatStore {

    private final SqliteDatabase database;

    SqliteChatStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public long openDirect(long a, long b, long now) {
        String directKey = Math.min(a, b) + ":" + Math.max(a, b);
        return database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO chats (kind, direct_key, created_at, last_seq, last_activity)
                    VALUES ('direct', ?, ?, 0, ?) ON CONFLICT (direct_key) DO NOTHING""")) {
                insert.setString(1, directKey);
                insert.setLong(2, now);
                insert.setLong(3, now);
                insert.executeUpdate();
            }
            long chatId;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM chats WHERE direct_key = ?")) {
                query.setString(1, directKey);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    chatId = row.getLong(1);
                }
            }
            try (PreparedStatement join = connection.prepareStatement("""
                    INSERT INTO members (chat_id, user_id, joined_at) VALUES (?, ?, ?)
                    ON CONFLICT (chat_id, user_id) DO NOTHING""")) {
                for (long userId : a == b ? new long[] {a} : new long[] {a, b}) {
                    join.setLong(1, chatId);
                    join.setLong(2, userId);
                    join.setLong(3, now);
                    join.executeUpdate();
                }
            }
            return chatId;
        });
    }

    @Override
    public boolean isMember(long chatId, long userId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM members WHERE chat_id = ? AND user_id = ?")) {
                query.setLong(1, chatId);
                query.setLong(2, userId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public List<Long> members(long chatId) {
        return database.read(connection -> MemberRows.ids(connection, chatId));
    }

    @Override
    public Optional<ChatSummary> summary(long chatId, long userId) {
        return database.read(connection -> summary(connection, chatId, userId));
    }

    @Override
    public ChatPage listChats(long userId, String before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Optional<ChatListCursor> cursor = ChatListCursor.parse(before);
        return database.read(connection -> {
            List<ChatListCursor> positions = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT c.id, c.last_activity FROM members me JOIN chats c ON c.id = me.chat_id
                     WHERE me.user_id = ?
                       AND (c.last_activity < ? OR (c.last_activity = ? AND c.id < ?))
                     ORDER BY c.last_activity DESC, c.id DESC LIMIT ?""")) {
                ChatListCursor from = cursor.orElse(ChatListCursor.START);
                query.setLong(1, userId);
                query.setLong(2, from.lastActivity());
                query.setLong(3, from.lastActivity());
                query.setLong(4, from.chatId());
                query.setInt(5, limit + 1);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        positions.add(new ChatListCursor(rows.getLong(2), rows.getLong(1)));
                    }
                }
            }
            boolean more = positions.size() > limit;
            List<ChatSummary> summaries = new ArrayList<>();
            for (ChatListCursor position : positions.subList(0, Math.min(limit, positions.size()))) {
                summaries.add(summary(connection, position.chatId(), userId).orElseThrow());
            }
            return new ChatPage(summaries, more ? positions.get(limit - 1).format() : null);
        });
    }

    private static Optional<ChatSummary> summary(Connection connection, long chatId, long userId)
            throws SQLException {
        Optional<ChatState> state = state(connection, chatId, userId);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        ChatKind kind;
        long lastActivity;
        String title;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.kind, c.last_activity, g.title FROM chats c LEFT JOIN groups g ON g.chat_id = c.id
                 WHERE c.id = ?""")) {
            query.setLong(1, chatId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                kind = ChatKind.valueOf(row.getString(1).toUpperCase(Locale.ROOT));
                lastActivity = row.getLong(2);
                title = row.getString(3);
            }
        }
        return Optional.of(new ChatSummary(chatId, kind, memberRefs(connection, chatId), state.get(),
                lastMessage(connection, chatId, state.get().lastSeq()).orElse(null),
                unread(connection, chatId, userId, state.get().read()), lastActivity, title));
    }

    private static Optional<ChatState> state(Connection connection, long chatId, long userId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                ChatStateRows.SELECT + " WHERE me.chat_id = ? AND me.user_id = ?")) {
            query.setLong(1, chatId);
            query.setLong(2, userId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(ChatStateRows.read(row)) : Optional.empty();
            }
        }
    }

    private static List<UserRef> memberRefs(Connection connection, long chatId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT m.user_id, u.username FROM members m JOIN users u ON u.id = m.user_id
                 WHERE m.chat_id = ? ORDER BY m.user_id""")) {
            query.setLong(1, chatId);
            List<UserRef> refs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    refs.add(new UserRef(rows.getLong(1), rows.getString(2)));
                }
            }
            return refs;
        }
    }

    private static Optional<ChatMessage> lastMessage(Connection connection, long chatId, long lastSeq)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE chat_id = ? AND seq = ?")) {
            query.setLong(1, chatId);
            query.setLong(2, lastSeq);
            return MessageRows.readAll(query).stream().findFirst();
        }
    }

    private static long unread(Connection connection, long chatId, long userId, long readSeq)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM messages WHERE chat_id = ? AND seq > ? AND sender_id <> ?")) {
            query.setLong(1, chatId);
            query.setLong(2, readSeq);
            query.setLong(3, userId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
