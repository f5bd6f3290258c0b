package parley.protocol.model;

import java.util.Objects;
import java.util.UUID;

/**
 * One stored message of a chat. {@code seq} is the chat's gap-free order (1, 2, 3, ...): clients
 * order by it and never by time. {@code serverTime} is when the server committed it (epoch ms).
 */
public record ChatMessage(long chatId, long seq, long senderId, UUID clientMsgId, MessageKind kind,
                          String text, long serverTime) {
    public ChatMessage {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
