package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored message of a chat. {@code seq} is the chat's gap-free order (1, 2, 3, ...): clients
 * order by it and never by time. {@code serverTime} is when the server committed it (epoch ms).
 * A {@code system} message (a group's membership change) has an empty text and an {@code event};
 * a {@code text} message has no event. A media message (image, video, voice, file) has its
 * {@code media} and the caption as text (possibly empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(long chatId, long seq, long senderId, UUID clientMsgId, MessageKind kind,
                          String text, long serverTime, SystemEvent event, MediaRef media) {
    public ChatMessage {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (kind.isMedia() != (media != null)) {
            throw new IllegalArgumentException("a " + kind + " message " + (media == null ? "needs" : "has no") + " media");
        }
    }

    /** A message without media. */
    public ChatMessage(long chatId, long seq, long senderId, UUID clientMsgId, MessageKind kind, String text,
                       long serverTime, SystemEvent event) {
        this(chatId, seq, senderId, clientMsgId, kind, text, serverTime, event, null);
    }

    /** A message without a system event (a {@code text} message). */
    public ChatMessage(long chatId, long seq, long senderId, UUID clientMsgId, MessageKind kind, String text,
                       long serverTime) {
        this(chatId, seq, senderId, clientMsgId, kind, text, serverTime, null, null);
    }
}
