package parley.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stored bytes and quotas in SQLite or PostgreSQL alike (portable SQL through
 * {@link JdbcTransactions}), in two columns of {@code users}. Thread-safe: every call is its own
 * transaction; {@link #countStored} runs inside the caller's.
 */
public final class JdbcQuotaStore implements QuotaStore {
    private static final String ADD = "UPDATE users SET stored_bytes = CASE WHEN stored_bytes + ? < 0 THEN 0 "
            + "ELSE stored_bytes + ? END WHERE id = ?";

    private final JdbcTransactions database;

    public JdbcQuotaStore(JdbcTransactions database) {
        this.database = database;
    }

    @Override
    public Optional<Use> use(long userId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT stored_bytes, quota_bytes FROM users WHERE id = ?")) {
                query.setLong(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    long stored = row.getLong(1);
                    long quota = row.getLong(2);
                    return Optional.of(new Use(stored, row.wasNull() ? Optional.empty() : Optional.of(quota)));
                }
            }
        });
    }

    @Override
    public void add(long userId, long bytes) {
        database.write(connection -> {
            addAll(connection, Map.of(userId, bytes));
            return null;
        });
    }

    @Override
    public boolean setQuota(long userId, Optional<Long> quotaBytes) {
        return database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET quota_bytes = ? WHERE id = ?")) {
                if (quotaBytes.isPresent()) {
                    update.setLong(1, quotaBytes.get());
                } else {
                    update.setNull(1, java.sql.Types.BIGINT);
                }
                update.setLong(2, userId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Counts the texts of the messages a batch stored (not its duplicates) against their senders,
     * in the batch's own transaction, so the count is exactly what is committed.
     */
    public static void countStored(Connection connection, List<AppendResult> results) throws SQLException {
        Map<Long, Long> bytesBySender = new TreeMap<>();
        for (AppendResult result : results) {
            if (result instanceof AppendResult.Stored stored && !stored.duplicate()) {
                long bytes = stored.message().text().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > 0) {
                    bytesBySender.merge(stored.message().senderId(), bytes, Long::sum);
                }
            }
        }
        addAll(connection, bytesBySender);
    }

    // in ascending user id order: two writers (PostgreSQL) lock the same rows in one order
    private static void addAll(Connection connection, Map<Long, Long> bytesByUser) throws SQLException {
        if (bytesByUser.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(ADD)) {
            for (Map.Entry<Long, Long> entry : new TreeMap<>(bytesByUser).entrySet()) {
                update.setLong(1, entry.getValue());
                update.setLong(2, entry.getValue());
                update.setLong(3, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
