package parley.server.store;

import java.util.Map;
import java.util.Optional;
import parley.protocol.api.GroupMembers;
import parley.protocol.api.MessageInfo;

/**
 * Groups: their members, roles and title. Every change is one transaction that also appends the
 * change's {@code system} message to the chat with the chat's next seq, under the same chat lock as
 * {@link MessageStore#append}: so a change and the messages around it get their seqs in one order,
 * and the members an append sees are never stale. A change is all or nothing: when it is refused,
 * nothing is written. Reads answer as if a group the user is not a member of did not exist.
 * Thread-safe; writes are durable when the method returns.
 */
public interface GroupStore {

    /** Creates a group whose seq 1 is its {@code created} message; the creator is its admin. */
    GroupChange create(GroupCommand.Create create, int maxMembers, long now);

    /** Applies one membership change, checking the actor's membership and role. */
    GroupChange change(GroupCommand command, int maxMembers, long now);

    /** The group's title, setting and members, longest-standing first; empty for a non-member. */
    Optional<GroupMembers> members(long chatId, long userId);

    /**
     * Who has received and read message {@code seq}, member by member (its sender and members who
     * joined after it left out); empty for a non-member or a seq with no message.
     */
    Optional<MessageInfo> info(long chatId, long seq, long userId);

    /** The seq each group of the user starts at for them (their {@code added} message), by chat id. */
    Map<Long, Long> joinedSeqs(long userId);
}
