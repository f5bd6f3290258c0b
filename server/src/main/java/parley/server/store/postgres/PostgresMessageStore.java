package parley.server.store.postgres;

import parley.server.store.PageBudget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.MessagePage;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;
import parley.server.store.Append;
import parley.server.store.JdbcQuotaStore;
import parley.server.store.AppendResult;
import parley.server.store.HistoryQuery;
import parley.server.store.MessageStore;
import parley.server.store.SyncPage;

/**
 * Messages and receipt watermarks in PostgreSQL. A batch of appends or advances is one write
 * transaction ({@link BatchAppend}, {@link BatchAdvance}), so one commit (one WAL flush) serves the
 * whole batch and a failure leaves none of it; both stay correct with many writers on many nodes.
 * Multi-statement reads (sync) run in one snapshot. Thread-safe: all state is in the database.
 */
final class PostgresMessageStore implements MessageStore {

    private final PostgresDatabase database;

    PostgresMessageStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public List<AppendResult> append(List<Append> batch, long now) {
        List<Append> appends = List.copyOf(batch);
        if (appends.isEmpty()) {
            return List.of();
        }
        return database.transaction(connection -> {
            List<AppendResult> results = BatchAppend.run(connection, appends, now);
            JdbcQuotaStore.countStored(connection, results);
            return results;
        });
    }

    @Override
    public List<AdvanceResult> advance(List<Advance> batch, long now) {
        List<Advance> advances = List.copyOf(batch);
        if (advances.isEmpty()) {
            return List.of();
        }
        return database.transaction(connection -> BatchAdvance.run(connection, advances, now));
    }

    @Override
    public long lastSeq(long chatId) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT last_seq FROM chats WHERE id = ?")) {
                query.setLong(1, chatId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public MessagePage history(long chatId, HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        List<ChatMessage> page = database.query(connection -> query.after() != null
                ? messages(connection, "seq > ? ORDER BY seq ASC", chatId, query.after(), query.limit() + 1)
                : messages(connection, "seq < ? ORDER BY seq DESC", chatId,
                        query.before() != null ? query.before() : Long.MAX_VALUE, query.limit() + 1));
        List<ChatMessage> kept = new ArrayList<>(PageBudget.prefix(
                page.subList(0, Math.min(query.limit(), page.size())), query.maxBytes()));
        boolean more = page.size() > kept.size();
        if (query.after() == null) {
            Collections.reverse(kept);
        }
        return new MessagePage(chatId, kept, more);
    }

    @Override
    public SyncPage sync(long userId, Map<Long, Long> since, long fromChat, int limit, int maxChats,
                         long maxBytes) {
        Objects.requireNonNull(since, "since");
        if (limit < 1 || maxChats < 1) {
            throw new IllegalArgumentException("limit and maxChats must be at least 1, got "
                    + limit + " and " + maxChats);
        }
        return database.snapshot(connection -> {
            List<ChatState> walk = states(connection, userId, fromChat, maxChats + 1);
            List<ChatState> states = new ArrayList<>();
            List<ChatMessage> messages = new ArrayList<>();
            PageBudget budget = new PageBudget(maxBytes);
            for (ChatState state : walk.subList(0, Math.min(maxChats, walk.size()))) {
                states.add(state);
                int room = limit - messages.size();
                long after = Math.max(0L, since.getOrDefault(state.chatId(), 0L));
                List<ChatMessage> missed = after >= state.lastSeq()
                        ? List.of()
                        : messages(connection, "seq > ? ORDER BY seq ASC", state.chatId(), after, room + 1);
                List<ChatMessage> fitting = budget.take(missed.subList(0, Math.min(room, missed.size())));
                messages.addAll(fitting);
                if (missed.size() > fitting.size()) {
                    return new SyncPage(messages, states, Optional.of(state.chatId()));
                }
            }
            Optional<Long> next = walk.size() > maxChats
                    ? Optional.of(states.getLast().chatId() + 1)
                    : Optional.empty();
            return new SyncPage(messages, states, next);
        });
    }

    /** The user's chat states from {@code fromChat} on, by ascending chat id, at most {@code max}. */
    private static List<ChatState> states(Connection connection, long userId, long fromChat, int max)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(ChatStateRows.SELECT
                + " WHERE me.user_id = ? AND me.chat_id >= ? ORDER BY me.chat_id LIMIT ?")) {
            query.setLong(1, userId);
            query.setLong(2, fromChat);
            query.setInt(3, max);
            List<ChatState> states = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.add(ChatStateRows.read(rows));
                }
            }
            return states;
        }
    }

    /** Messages of one chat matching {@code condition} (a fixed SQL fragment with one seq parameter). */
    private static List<ChatMessage> messages(Connection connection, String condition, long chatId, long seq,
                                              int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + MessageRows.COLUMNS
                + " FROM messages WHERE chat_id = ? AND " + condition + " LIMIT ?")) {
            query.setLong(1, chatId);
            query.setLong(2, seq);
            query.setInt(3, limit);
            return MessageRows.readAll(query);
        }
    }
}
