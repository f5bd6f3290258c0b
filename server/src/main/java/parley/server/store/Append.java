package parley.server.store;

import java.util.Objects;
import java.util.UUID;
import parley.protocol.model.MessageKind;

/** A message to append to a chat. */
public record Append(long chatId, long senderId, UUID clientMsgId, MessageKind kind, String text) {
    public Append {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
