package parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import parley.protocol.model.PresenceVisibility;

/**
 * Presence settings and last seen, in SQLite or PostgreSQL alike (portable SQL through
 * {@link JdbcTransactions}); contacts come from the members table. Thread-safe.
 *
 * <p>{@link #records} reads {@value #BATCH} users per query, well under the bound both databases
 * put on a statement's parameters.
 */
public final class JdbcPresenceStore implements PresenceStore {
    static final int BATCH = 500;
    private static final PresenceRecord DEFAULT = new PresenceRecord(PresenceVisibility.EVERYONE, OptionalLong.empty());

    private final JdbcTransactions database;

    public JdbcPresenceStore(JdbcTransactions database) {
        this.database = database;
    }

    @Override
    public void setVisibility(long userId, PresenceVisibility visibility) {
        database.write(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO presence (user_id, visibility) VALUES (?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET visibility = excluded.visibility""")) {
                upsert.setLong(1, userId);
                upsert.setString(2, visibility.name().toLowerCase(Locale.ROOT));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public PresenceRecord record(long userId) {
        return records(List.of(userId)).get(userId);
    }

    @Override
    public Map<Long, PresenceRecord> records(Collection<Long> userIds) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
        if (ids.isEmpty()) {
            return Map.of();
        }
        return database.read(connection -> {
            Map<Long, PresenceRecord> records = new HashMap<>();
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT user_id, visibility, last_seen_at FROM presence WHERE user_id IN ("
                                + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")")) {
                    for (int i = 0; i < batch.size(); i++) {
                        query.setLong(i + 1, batch.get(i));
                    }
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            records.put(rows.getLong(1), recordOf(rows));
                        }
                    }
                }
            }
            ids.forEach(id -> records.putIfAbsent(id, DEFAULT));
            return records;
        });
    }

    private static PresenceRecord recordOf(ResultSet row) throws SQLException {
        PresenceVisibility visibility = PresenceVisibility.valueOf(row.getString(2).toUpperCase(Locale.ROOT));
        long lastSeen = row.getLong(3);
        return new PresenceRecord(visibility, row.wasNull() ? OptionalLong.empty() : OptionalLong.of(lastSeen));
    }

    @Override
    public void recordLastSeen(long userId, long at) {
        database.write(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO presence (user_id, last_seen_at) VALUES (?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at
                    WHERE presence.last_seen_at IS NULL OR presence.last_seen_at < excluded.last_seen_at""")) {
                upsert.setLong(1, userId);
                upsert.setLong(2, at);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public List<Contact> contacts(long userId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT other.user_id, MAX(CASE WHEN chats.kind = 'direct' THEN 1 ELSE 0 END)
                    FROM members mine
                    JOIN members other ON other.chat_id = mine.chat_id AND other.user_id <> mine.user_id
                    JOIN chats ON chats.id = mine.chat_id
                    WHERE mine.user_id = ?
                    GROUP BY other.user_id
                    ORDER BY other.user_id""")) {
                query.setLong(1, userId);
                List<Contact> contacts = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        contacts.add(new Contact(rows.getLong(1), rows.getInt(2) == 1));
                    }
                }
                return contacts;
            }
        });
    }
}
