package parley.server.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import parley.protocol.model.ChatMessage;

/**
 * A byte budget for one page of messages, so that a page of long texts stays a bounded frame:
 * messages are taken in order while their texts fit; the first message always fits, so a page
 * always makes progress. Not thread-safe: one per page.
 */
public final class PageBudget {
    private long left;
    private boolean first = true;

    public PageBudget(long maxBytes) {
        this.left = maxBytes;
    }

    /** The longest prefix of {@code messages} that fits a fresh budget of {@code maxBytes}. */
    public static List<ChatMessage> prefix(List<ChatMessage> messages, long maxBytes) {
        return new PageBudget(maxBytes).take(messages);
    }

    /** The longest prefix of {@code messages} that fits what is left; spends it. */
    public List<ChatMessage> take(List<ChatMessage> messages) {
        int count = 0;
        for (ChatMessage message : messages) {
            long size = message.text().getBytes(StandardCharsets.UTF_8).length;
            if (size > left && !first) {
                break;
            }
            left -= size;
            first = false;
            count++;
        }
        return messages.subList(0, count);
    }
}
