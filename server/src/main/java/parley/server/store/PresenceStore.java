package parley.server.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import parley.protocol.model.PresenceVisibility;

/**
 * What presence keeps durably: each user's privacy setting and last seen, and who a user's
 * contacts are (the users sharing a chat with them). Last seen only moves forward: an older time
 * never overwrites a newer one, so nodes recording it out of order cannot lose the newest.
 * Writes are durable when the method returns. Implementations are thread-safe.
 */
public interface PresenceStore {

    /** Sets who may see the user's presence. */
    void setVisibility(long userId, PresenceVisibility visibility);

    /** The user's setting and last seen: {@link PresenceVisibility#EVERYONE} and none until set. */
    PresenceRecord record(long userId);

    /**
     * The settings and last seen of many users at once (say, all of a user's contacts), read in one
     * query per batch of ids rather than one per user. Every id asked for is in the answer; one
     * with no stored settings maps to the default, as in {@link #record}.
     */
    Map<Long, PresenceRecord> records(Collection<Long> userIds);

    /** Records that the user was last seen at {@code at}, unless a later time is already stored. */
    void recordLastSeen(long userId, long at);

    /**
     * The other users who share at least one chat with the user, each once, with whether they
     * share a one-on-one chat. Empty for a user without chats.
     */
    List<Contact> contacts(long userId);

    /** A user's stored presence settings. */
    record PresenceRecord(PresenceVisibility visibility, OptionalLong lastSeen) {
    }

    /** A user sharing a chat with another; {@code direct} when they share a one-on-one chat. */
    record Contact(long userId, boolean direct) {
    }
}
