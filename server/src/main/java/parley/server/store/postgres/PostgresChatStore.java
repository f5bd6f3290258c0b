package parley.server.store.postgres;

import parley.server.store.ChatListCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;
import parley.server.store.ChatStore;

/**
 * Chats and members in PostgreSQL.
 *
 * <p>A direct chat is claimed in {@code direct_chats} under the primary key (low user id, high
 * user id) with an id drawn from the chats sequence, and only the claimant writes the chat and its
 * members, in the same transaction. Two nodes opening one pair at once: the second claim waits for
 * the first transaction, then inserts nothing and reads the winner's id, so both get one chat.
 * Summaries and pages are read in one snapshot. Thread-safe: all state is in the database.
 */
final class PostgresChatStore implements ChatStore {

    private final PostgresDatabase database;

    PostgresChatStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public long openDirect(long a, long b, long now) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        Optional<Long> existing = database.query(connection -> findDirect(connection, low, high));
        if (existing.isPresent()) {
            return existing.get();
        }
        return database.transaction(connection -> {
            Optional<Long> claimed = claimDirect(connection, low, high);
            if (claimed.isEmpty()) {
                return findDirect(connection, low, high).orElseThrow(
                        () -> new SQLException("the direct chat of " + low + " and " + high + " vanished"));
            }
            long chatId = claimed.get();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO chats (id, kind, created_at, last_seq, last_activity)
                    VALUES (?, 'direct', ?, 0, ?)""")) {
                insert.setLong(1, chatId);
                insert.setLong(2, now);
                insert.setLong(3, now);
                insert.executeUpdate();
            }
            try (PreparedStatement join = connection.prepareStatement(
                    "INSERT INTO members (chat_id, user_id, joined_at) VALUES (?, ?, ?)")) {
                for (long userId : low == high ? new long[] {low} : new long[] {low, high}) {
                    join.setLong(1, chatId);
                    join.setLong(2, userId);
                    join.setLong(3, now);
                    join.addBatch();
                }
                join.executeBatch();
            }
            return chatId;
        });
    }

    /** Claims the pair's chat with a fresh id; empty when another transaction claimed it first. */
    private static Optional<Long> claimDirect(Connection connection, long low, long high) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement("""
                INSERT INTO direct_chats (low_user_id, high_user_id, chat_id)
                VALUES (?, ?, nextval(pg_get_serial_sequence('chats', 'id')))
                ON CONFLICT (low_user_id, high_user_id) DO NOTHING RETURNING chat_id""")) {
            claim.setLong(1, low);
            claim.setLong(2, high);
            try (ResultSet row = claim.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> findDirect(Connection connection, long low, long high) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT chat_id FROM direct_chats WHERE low_user_id = ? AND high_user_id = ?")) {
            query.setLong(1, low);
            query.setLong(2, high);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public boolean isMember(long chatId, long userId) {
        return database.query(connection -> {
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
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user_id FROM members WHERE chat_id = ? ORDER BY user_id")) {
                query.setLong(1, chatId);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public Optional<ChatSummary> summary(long chatId, long userId) {
        return database.snapshot(connection -> ChatSummaryRows.read(connection, userId, " AND me.chat_id = ?",
                query -> query.setLong(2, chatId)).stream().findFirst());
    }

    @Override
    public ChatPage listChats(long userId, String before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        ChatListCursor from = ChatListCursor.parse(before).orElse(ChatListCursor.START);
        List<ChatSummary> found = database.snapshot(connection -> ChatSummaryRows.read(connection, userId, """
                   AND (c.last_activity, c.id) < (?, ?)
                 ORDER BY c.last_activity DESC, c.id DESC LIMIT ?""", query -> {
                    query.setLong(2, from.lastActivity());
                    query.setLong(3, from.chatId());
                    query.setInt(4, limit + 1);
                }));
        if (found.size() <= limit) {
            return new ChatPage(found, null);
        }
        ChatSummary last = found.get(limit - 1);
        return new ChatPage(found.subList(0, limit),
                new ChatListCursor(last.lastActivity(), last.chatId()).format());
    }
}
