package parley.server.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import parley.server.store.AccountStore;
import parley.server.store.BulkCreation;
import parley.server.store.Device;
import parley.server.store.NewAccount;
import parley.server.store.User;

/**
 * Users and devices in PostgreSQL. A name's uniqueness rests on the UNIQUE index on
 * {@code lower(username)}: of two registrations of one name at once, on any nodes, the second waits
 * for the first and then inserts nothing. Thread-safe: all state is in the database.
 */
final class PostgresAccountStore implements AccountStore {

    private static final String USER_COLUMNS = "id, username, password_hash, created_at";
    private static final String DEVICE_COLUMNS = "id, user_id, name, created_at, last_used_at";

    private final PostgresDatabase database;

    PostgresAccountStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<User> createUser(String username, String passwordHash, long now) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return database.query(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)
                    ON CONFLICT ((lower(username))) DO NOTHING RETURNING id""")) {
                insert.setString(1, username);
                insert.setString(2, passwordHash);
                insert.setLong(3, now);
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
        Objects.requireNonNull(username, "username");
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users WHERE lower(username) = lower(?)")) {
                query.setString(1, username);
                return oneUser(query);
            }
        });
    }

    @Override
    public Optional<User> findUser(long userId) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?")) {
                query.setLong(1, userId);
                return oneUser(query);
            }
        });
    }

    /**
     * One transaction of two statements, whatever the batch's size: the users, then the devices,
     * each inserted from arrays ({@code unnest}) in one round trip. A taken name (found by the
     * insert itself, so a concurrent registration on another node cannot slip in between) rolls
     * the whole batch back.
     */
    @Override
    public BulkCreation createAccounts(List<NewAccount> accounts, long now) {
        Objects.requireNonNull(accounts, "accounts");
        if (accounts.isEmpty()) {
            return new BulkCreation(List.of(), List.of());
        }
        try {
            return database.transaction(connection -> {
                Map<String, Long> ids = insertUsers(connection, accounts, now);
                if (ids.size() < accounts.size()) {
                    throw new NamesTaken(accounts.stream().map(NewAccount::username)
                            .filter(name -> !ids.containsKey(name)).toList());
                }
                Map<Long, Long> devices = insertDevices(connection, accounts, ids, now);
                List<BulkCreation.Created> created = new ArrayList<>(accounts.size());
                for (NewAccount account : accounts) {
                    long userId = ids.get(account.username());
                    created.add(new BulkCreation.Created(new User(userId, account.username(), account.passwordHash(), now),
                            new Device(devices.get(userId), userId, account.deviceName(), now, now)));
                }
                return new BulkCreation(created, List.of());
            });
        } catch (NamesTaken refused) {
            return BulkCreation.refused(refused.names);
        }
    }

    /** Inserts the users that are free; returns name to id for those inserted. */
    private static Map<String, Long> insertUsers(Connection connection, List<NewAccount> accounts, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO users (username, password_hash, created_at)
                SELECT u, h, ? FROM unnest(?::text[], ?::text[]) AS t (u, h)
                ON CONFLICT ((lower(username))) DO NOTHING RETURNING id, username""")) {
            insert.setLong(1, now);
            insert.setArray(2, connection.createArrayOf("text",
                    accounts.stream().map(NewAccount::username).toArray(String[]::new)));
            insert.setArray(3, connection.createArrayOf("text",
                    accounts.stream().map(NewAccount::passwordHash).toArray(String[]::new)));
            Map<String, Long> ids = new HashMap<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(2), rows.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Inserts one device per account; returns user id to device id. */
    private static Map<Long, Long> insertDevices(Connection connection, List<NewAccount> accounts, Map<String, Long> ids,
                                                 long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO devices (user_id, name, token_hash, created_at, last_used_at)
                SELECT u, n, t, ?, ? FROM unnest(?::bigint[], ?::text[], ?::bytea[]) AS d (u, n, t)
                RETURNING id, user_id""")) {
            insert.setLong(1, now);
            insert.setLong(2, now);
            insert.setArray(3, connection.createArrayOf("bigint",
                    accounts.stream().map(a -> ids.get(a.username())).toArray(Long[]::new)));
            insert.setArray(4, connection.createArrayOf("text",
                    accounts.stream().map(NewAccount::deviceName).toArray(String[]::new)));
            insert.setArray(5, connection.createArrayOf("bytea",
                    accounts.stream().map(NewAccount::tokenHash).toArray(byte[][]::new)));
            Map<Long, Long> devices = new HashMap<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    devices.put(rows.getLong(2), rows.getLong(1));
                }
            }
            return devices;
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
        return database.query(connection -> {
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
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + DEVICE_COLUMNS
                    + " FROM devices WHERE token_hash = ? AND revoked_at IS NULL")) {
                query.setBytes(1, tokenHash);
                return readDevices(query).stream().findFirst();
            }
        });
    }

    @Override
    public List<Device> devices(long userId) {
        return database.query(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + DEVICE_COLUMNS
                    + " FROM devices WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id")) {
                query.setLong(1, userId);
                return readDevices(query);
            }
        });
    }

    @Override
    public boolean revokeDevice(long userId, long deviceId, long now) {
        return database.query(connection -> {
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
        database.query(connection -> {
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
