package parley.server.store;

import java.util.List;

/** The outcome of one {@link Advance}. */
public sealed interface AdvanceResult {

    /**
     * A watermark moved: the member's watermarks now, when they moved ({@code at}), and the
     * chat's members, who are told.
     */
    record Moved(long chatId, long userId, long delivered, long read, long at, List<Long> members)
            implements AdvanceResult {
        public Moved {
            members = List.copyOf(members);
        }
    }

    /** The watermark was already at or past the seq: nothing changed. */
    record Unchanged() implements AdvanceResult {
    }

    /** The seq lies past the chat's last seq: nothing changed. */
    record OutOfRange(long lastSeq) implements AdvanceResult {
    }

    /** The user is not a member of the chat (or the chat does not exist): nothing changed. */
    record NotMember() implements AdvanceResult {
    }
}
