package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A chat as it appears in the chat list: its members, its state (watermarks), its last message
 * (absent for an empty chat), how many messages of others the user has not read, the time of
 * its newest activity (epoch ms; the creation time for an empty chat), and for a group its title.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatSummary(long chatId, ChatKind kind, List<UserRef> members, ChatState state,
                          ChatMessage lastMessage, long unread, long lastActivity, String title) {
    public ChatSummary {
        Objects.requireNonNull(kind, "kind");
        members = List.copyOf(members);
        Objects.requireNonNull(state, "state");
    }

    /** A chat without a title (a one-on-one chat). */
    public ChatSummary(long chatId, ChatKind kind, List<UserRef> members, ChatState state,
                       ChatMessage lastMessage, long unread, long lastActivity) {
        this(chatId, kind, members, state, lastMessage, unread, lastActivity, null);
    }
}
