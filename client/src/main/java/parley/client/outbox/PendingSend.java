package parley.client.outbox;

import java.util.Objects;
import java.util.UUID;

/** A message the application sent and the server has not acknowledged yet; with media, text is its caption. */
public record PendingSend(UUID clientMsgId, long chatId, String text, String mediaId) {
    public PendingSend {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(text, "text");
    }

    /** A text message. */
    public PendingSend(UUID clientMsgId, long chatId, String text) {
        this(clientMsgId, chatId, text, null);
    }
}
