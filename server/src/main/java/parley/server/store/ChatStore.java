package parley.server.store;

import java.util.List;
import java.util.Optional;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;

/**
 * Chats and who is in them. Every read takes the asking user and answers as if a chat the user
 * is not a member of did not exist (empty, false): a non-member learns nothing. Implementations
 * are thread-safe; writes are durable when the method returns.
 */
public interface ChatStore {

    /**
     * The one-on-one chat of two users, created on first use: the same chat id every time, from
     * either side, also when both open it at once. {@code a == b} is a chat with oneself.
     */
    long openDirect(long a, long b, long now);

    boolean isMember(long chatId, long userId);

    /** The user ids of the chat's members; empty for an unknown chat. */
    List<Long> members(long chatId);

    /** The chat as the member sees it in the chat list. */
    Optional<ChatSummary> summary(long chatId, long userId);

    /**
     * A page of the user's chats, newest activity first (ties by higher chat id first).
     * {@code before} is the {@code next} cursor of the previous page, or null for the first.
     *
     * @throws IllegalArgumentException when the cursor is not one this store made
     */
    ChatPage listChats(long userId, String before, int limit);
}
