package parley.server.chat;

import java.util.Collection;

/**
 * Hears that users came to share a chat (a one-on-one chat opened, a group created, members
 * added), so that each may be told the other's presence at once rather than at their next
 * connect. Must not block: called on request threads.
 */
@FunctionalInterface
public interface NewContacts {

    /** Each of {@code newcomers} now shares a chat with each of {@code members} (which may include them). */
    void met(Collection<Long> newcomers, Collection<Long> members);
}
