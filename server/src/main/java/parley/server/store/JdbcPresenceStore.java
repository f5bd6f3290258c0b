package parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import parley.protocol.model.PresenceVisibility;

/**
 * Presence settings and last seen, in SQLite or PostgreSQL alike (portable SQL through
 * {@link JdbcTransactions}); contacts come from the members table. Thread-safe.
 */
public final class JdbcPresenceStore implements PresenceStore {
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
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT visibility, last_seen_at FROM presence WHERE user_id = ?")) {
                query.setLong(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return new PresenceRecord(PresenceVisibility.EVERYONE, OptionalLong.empty());
                    }
                    PresenceVisibility visibility = PresenceVisibility.valueOf(row.getString(1).toUpperCase(Locale.ROOT));
                    long lastSeen = row.getLong(2);
                    return new PresenceRecord(visibility, row.wasNull() ? OptionalLong.empty() : OptionalLong.of(lastSeen));
                }
            }
        });
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
