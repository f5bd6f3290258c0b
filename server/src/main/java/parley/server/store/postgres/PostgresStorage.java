package parley.server.store.postgres;

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
 * The cluster storage: accounts, chats and messages in one PostgreSQL database that every node of
 * the cluster opens at once, its schema brought up to date by the migrations under
 * {@code db/postgres} when opened. The three stores share one {@link PostgresDatabase} (a
 * connection pool). Any number of instances, in this process or on other nodes, may write to one
 * database at once: order, exactly-once and all-or-nothing batches hold across them (see
 * {@link BatchAppend}). Thread-safe.
 */
public final class PostgresStorage implements Storage {

    private final PostgresDatabase database;
    private final PostgresAccountStore accounts;
    private final PostgresChatStore chats;
    private final PostgresMessageStore messages;
    private final GroupStore groups;
    private final PresenceStore presence;
    private final MediaStore media;
    private final QuotaStore quotas;

    private PostgresStorage(PostgresDatabase database) {
        this.database = database;
        this.accounts = new PostgresAccountStore(database);
        this.chats = new PostgresChatStore(database);
        this.messages = new PostgresMessageStore(database);
        JdbcTransactions transactions = PostgresGroupStore.transactions(database);
        this.groups = PostgresGroupStore.open(transactions);
        this.presence = new JdbcPresenceStore(transactions);
        this.media = new JdbcMediaStore(transactions);
        this.quotas = new JdbcQuotaStore(transactions);
    }

    /**
     * Connects to the database and applies the schema migrations it lacks.
     *
     * @throws PostgresStorageException when the database cannot be reached (the message names the
     *     server, the user and the reason: refused, wrong password, no such database, ...), or its
     *     schema cannot be migrated (for instance a migration already applied was since edited)
     */
    public static PostgresStorage open(PostgresOptions options) {
        Objects.requireNonNull(options, "options");
        PostgresDatabase database = PostgresDatabase.open(options);
        try {
            PostgresSchema.migrate(options);
        } catch (RuntimeException e) {
            database.close();
            throw new PostgresStorageException("cannot bring the schema of the PostgreSQL database at "
                    + JdbcUrls.redact(options.jdbcUrl()) + " up to date: " + e.getMessage(), e);
        }
        return new PostgresStorage(database);
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
