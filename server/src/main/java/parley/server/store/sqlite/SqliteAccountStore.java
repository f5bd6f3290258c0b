package parley.server.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import parley.server.store.AccountStore;
import parley.server.store.BulkCreation;
import parley.server.store.Device;
import parley.server.store.NewAccount;
import parley.server.store.User;

/**
 * Users and devices in SQLite. A name's uniqueness rests on the UNIQUE {@code username_key} (the
 * lower-case name), so two concurrent registrations of one name cannot both win. Thread-safe: all
 * state is in the database, reached through {@link SqliteDatabase}.
 */
final class SqliteAccountStore implements AccountStore {

    private static final String USER_COLUMNS = "id, username, password_hash, created_at";
    private static final String DEVICE_COLUMNS = "id, user_id, name, created_at, last_used_at";

    private final SqliteDatabase database;

    SqliteAccountStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<User> createUser(String username, String passwordHash, long now) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO users (username, username_key, password_hash, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (username_key) DO NOTHING RETURNING id""")) {
                insert.setString(1, username);
                insert.setString(2, key(username));
                insert.setString(3, passwordHash);
                insert.setLong(4, now);
                try (ResultSet row = insert.executeQuery()) {
                    return row.next()
                            ? Optional.of(new User(row.getLong(1), username, passwordHash, now))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<User> findUser(String username) {
        String key = key(Objects.requireNonNull(username, "username"));
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users WHERE username_key = ?")) {
                query.setString(1, key);
                return oneUser(query);
            }
        });
    }

    @Override
    public Optional<User> findUser(long userId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?")) {
                query.setLong(1, userId);
                return oneUser(query);
            }
        });
    }

    /**
     * One write transaction (one commit, one fsync) for the whole batch; each row is one execution
     * of a statement prepared once, which in SQLite costs microseconds. A taken name aborts the
     * transaction, so nothing of the batch stays.
     */
    @Override
    public BulkCreation createAccounts(List<NewAccount> accounts, long now) {
        Objects.requireNonNull(accounts, "accounts");
        try {
            return database.write(connection -> {
                List<BulkCreation.Created> created = new ArrayList<>(accounts.size());
                List<String> taken = new ArrayList<>();
                try (PreparedStatement user = connection.prepareStatement("""
                        INSERT INTO users (username, username_key, password_hash, created_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (username_key) DO NOTHING RETURNING id""");
                     PreparedStatement device = connection.prepareStatement("""
                             INSERT INTO devices (user_id, name, token_hash, created_at, last_used_at)
                             VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
                    for (NewAccount account : accounts) {
                        user.setString(1, account.username());
                        user.setString(2, key(account.username()));
                        user.setString(3, account.passwordHash());
                        user.setLong(4, now);
                        long userId;
                        try (ResultSet row = user.executeQuery()) {
                            if (!row.next()) {
                                taken.add(account.username());
                                continue;
                            }
                            userId = row.getLong(1);
                        }
                        if (!taken.isEmpty()) {
                            continue;
                        }
                        device.setLong(1, userId);
                        device.setString(2, account.deviceName());
                        device.setBytes(3, account.tokenHash());
                        device.setLong(4, now);
                        device.setLong(5, now);
                        try (ResultSet row = device.executeQuery()) {
                            row.next();
                            created.add(new BulkCreation.Created(
                                    new User(userId, account.username(), account.passwordHash(), now),
                                    new Device(row.getLong(1), userId, account.deviceName(), now, now)));
                        }
                    }
                }
                if (!taken.isEmpty()) {
                    throw new NamesTaken(taken);
                }
                return new BulkCreation(created, List.of());
            });
        } catch (NamesTaken refused) {
            return BulkCreation.refused(refused.names);
        }
    }

    /** Thrown inside the transaction to roll the batch back; caught by {@link #createAccounts}. */
    private static final class NamesTaken extends RuntimeException {
        private final List<String> names;

        NamesTaken(List<String> names) {
            super(null, null, false, false);
            this.names = List.copyOf(names);
        }
    }

    @Override
    public Device createDevice(long userId, String name, byte[] tokenHash, long now) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tokenHash, "tokenHash");
        return database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO devices (user_id, name, token_hash, created_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setLong(1, userId);
                insert.setString(2, name);
                insert.setBytes(3, tokenHash);
                insert.setLong(4, now);
                insert.setLong(5, now);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return new Device(row.getLong(1), userId, name, now, now);
                }
            }
        });
    }

    @Override
    public Optional<Device> findDeviceByTokenHash(byte[] tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + DEVICE_COLUMNS
                    + " FROM devices WHERE token_hash = ? AND revoked_at IS NULL")) {
                query.setBytes(1, tokenHash);
                List<Device> found = readDevices(query);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public List<Device> devices(long userId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + DEVICE_COLUMNS
                    + " FROM devices WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id")) {
                query.setLong(1, userId);
                return readDevices(query);
            }
        });
    }

    @Override
    public boolean revokeDevice(long userId, long deviceId, long now) {
        return database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE devices SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")) {
                update.setLong(1, now);
                update.setLong(2, deviceId);
                update.setLong(3, userId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void touchDevice(long deviceId, long now) {
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE devices SET last_used_at = ?
                     WHERE id = ? AND revoked_at IS NULL AND last_used_at < ?""")) {
                update.setLong(1, now);
                update.setLong(2, deviceId);
                update.setLong(3, now);
                return update.executeUpdate();
            }
        });
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static Optional<User> oneUser(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next()
                    ? Optional.of(new User(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4)))
                    : Optional.empty();
        }
    }

    private static List<Device> readDevices(PreparedStatement query) throws SQLException {
        List<Device> devices = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                devices.add(new Device(rows.getLong(1), rows.getLong(2), rows.getString(3),
                        rows.getLong(4), rows.getLong(5)));
            }
        }
        return devices;
    }
}
