package parley.server.store;

import java.util.List;
import java.util.Objects;
import parley.protocol.model.ChatMessage;

/** The outcome of one {@link Append}. */
public sealed interface AppendResult {

    /**
     * The message is stored. {@code duplicate} says it was stored by an earlier append with the
     * same client message id (the message is that first one). {@code members} are the chat's
     * members at commit time, the audience of the message.
     */
    record Stored(ChatMessage message, boolean duplicate, List<Long> members) implements AppendResult {
        public Stored {
            Objects.requireNonNull(message, "message");
            members = List.copyOf(members);
        }
    }

    /** The sender is not a member of the chat (or the chat does not exist): nothing stored. */
    record NotMember() implements AppendResult {
    }
}
