package parley.server.store;

/**
 * One deployment's persistent state: accounts, chats and messages, opened together on one
 * database. Closing it closes the database.
 */
public interface Storage extends AutoCloseable {

    AccountStore accounts();

    ChatStore chats();

    MessageStore messages();

    GroupStore groups();

    /** Privacy settings, last seen and contacts, for presence. */
    PresenceStore presence();

    /** Uploads in progress and finished media (their bytes are in the blob store). */
    MediaStore media();

    /** What each user stores, and their quota. */
    QuotaStore quotas();

    @Override
    void close();
}
