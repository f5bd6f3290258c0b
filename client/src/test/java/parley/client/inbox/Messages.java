package parley.client.inbox;

import java.util.UUID;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;

/** Test messages. */
final class Messages {
    private Messages() {
    }

    static ChatMessage msg(long chatId, long seq) {
        return new ChatMessage(chatId, seq, 7, UUID.nameUUIDFromBytes((chatId + ":" + seq).getBytes()),
                MessageKind.TEXT, "m" + seq, 1_000 + seq);
    }
}
