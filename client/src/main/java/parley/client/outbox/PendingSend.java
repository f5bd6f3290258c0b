package parley.client.outbox;

import java.util.Objects;
import java.util.UUID;

/** A message the application sent and the server has not acknowledged yet. */
public record PendingSend(UUID clientMsgId, long chatId, String text) {
    public PendingSend {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(text, "text");
    }
}
