package parley.server.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import parley.server.store.AccountStore;
import parley.server.store.ChatStore;
import parley.server.store.GroupStore;
import parley.server.store.JdbcMediaStore;
import parley.server.store.JdbcQuotaStore;
import parley.server.store.QuotaStore;
import parley.server.store.JdbcPresenceStore;
import parley.server.store.MediaStore;
import parley.server.store.JdbcTransactions;
import parley.server.store.MessageStore;
import parley.server.store.PresenceStore;
import parley.server.store.Storage;

/**
 * The embedded storage: accounts, chats and messages in one SQLite file (WAL mode), its schema
 * brought up to date by the migrations under {@code db/sqlite} when opened. The three stores share
 * one {@link SqliteDatabase}: one writer connection for every write, a few readers for reads.
 * Thread-safe.
 */
public final class SqliteStorage implements Storage {

    private final SqliteDatabase database;
    private final SqliteAccountStore accounts;
    private final SqliteChatStore chats;
    private final SqliteMessageStore messages;
    private final GroupStore groups;
    private final PresenceStore presence;
    private final MediaStore media;
    private final QuotaStore quotas;

    private SqliteStorage(SqliteDatabase database) {
        this.database = database;
        this.accounts = new SqliteAccountStore(database);
        this.chats = new SqliteChatStore(database);
        this.messages = new SqliteMessageStore(database);
        JdbcTransactions transactions = SqliteGroupStore.transactions(database);
        this.groups = SqliteGroupStore.open(transactions);
        this.presence = new JdbcPresenceStore(transactions);
        this.media = new JdbcMediaStore(transactions);
        this.quotas = new JdbcQuotaStore(transactions);
    }

    /**
     * Opens the database in {@code file}, creating it and its parent folders when missing, and
     * applies the schema migrations it lacks.
     *
     * @throws UncheckedIOException when the folder cannot be created
     * @throws SqliteStorageException when the file cannot be opened as a SQLite database, or its
     *     schema cannot be migrated (for instance a migration already applied was since edited)
     */
    public static SqliteStorage open(Path file, SqliteOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + parent, e);
        }
        SqliteDatabase database;
        try {
            database = SqliteDatabase.open(file, options);
        } catch (SQLException e) {
            throw new SqliteStorageException("cannot open the SQLite database " + file + ": " + e.getMessage(), e);
        }
        try {
            SchemaMigrations.apply(database.writerDataSource());
        } catch (RuntimeException e) {
            database.close();
            throw new SqliteStorageException("cannot bring the schema of " + file + " up to date: "
                    + e.getMessage(), e);
        }
        return new SqliteStorage(database);
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public ChatStore chats() {
        return chats;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public MediaStore media() {
        return media;
    }

    @Override
    public QuotaStore quotas() {
        return quotas;
    }

    @Override
    public PresenceStore presence() {
        return presence;
    }

    @Override
    public GroupStore groups() {
        return groups;
    }

    @Override
    public void close() {
        database.close();
    }
}
