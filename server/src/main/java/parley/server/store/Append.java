package parley.server.store;

import java.util.Objects;
import java.util.UUID;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;

/** A message to append to a chat; a media message carries its media (then {@code text} is the caption). */
public record Append(long chatId, long senderId, UUID clientMsgId, MessageKind kind, String text, MediaRef media) {
    public Append {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (kind.isMedia() != (media != null)) {
            throw new IllegalArgumentException("a " + kind + " append " + (media == null ? "needs" : "has no") + " media");
        }
    }

    /** A message without media. */
    public Append(long chatId, long senderId, UUID clientMsgId, MessageKind kind, String text) {
        this(chatId, senderId, clientMsgId, kind, text, null);
    }
}
