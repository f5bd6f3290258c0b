package parley.protocol.model;

import java.util.List;

/**
 * A page of one chat's history, in ascending seq order. {@code more} says whether more messages
 * lie beyond this page in the direction asked for.
 */
public record MessagePage(long chatId, List<ChatMessage> messages, boolean more) {
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
