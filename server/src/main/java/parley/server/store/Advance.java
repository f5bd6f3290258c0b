package parley.server.store;

import java.util.Objects;
import parley.protocol.model.ReceiptKind;

/** "User {@code userId} has received / read chat {@code chatId} up to {@code seq}". */
public record Advance(long chatId, long userId, ReceiptKind kind, long seq) {
    public Advance {
        Objects.requireNonNull(kind, "kind");
    }
}
