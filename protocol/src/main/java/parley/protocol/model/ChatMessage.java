package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored message of a chat. {@code seq} is the chat's gap-free order (1, 2, 3, ...): clients
 * order by it and never by time. {@code serverTime} is when the server committed it (epoch ms).
 * A {@code system} message (a group's membership change) has an empty text and an {@code event};
 * a {@code text} message has no event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(long chatId, long seq, long senderId, UUID clientMsgId, MessageKind kind,
                          String text, long serverTime, SystemEvent event) {
    public ChatMessage {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** A message without a system event (a {@code text} message). */
    public ChatMessage(long chatId, long seq, long senderId, UUID clientMsgId, MessageKind kind, String text,
                       long serverTime) {
        this(chatId, seq, senderId, clientMsgId, kind, text, serverTime, null);
    }
}
