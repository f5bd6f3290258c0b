package parley.server.store;

import java.util.Optional;

/**
 * A position in a user's chat list, which runs by newest activity first, then by higher chat id:
 * the next page starts after ({@code lastActivity}, {@code chatId}). Written as
 * {@code "<lastActivity>:<chatId>"}; every store writes it the same way, so a cursor survives a
 * move between stores.
 */
public record ChatListCursor(long lastActivity, long chatId) {

    /** Before every chat. */
    public static final ChatListCursor START = new ChatListCursor(Long.MAX_VALUE, Long.MAX_VALUE);

    /** The cursor in {@code text}; empty for null (the first page). */
    public static Optional<ChatListCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a chat list cursor: " + text);
        }
        try {
            return Optional.of(new ChatListCursor(
                    Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a chat list cursor: " + text, e);
        }
    }

    public String format() {
        return lastActivity + ":" + chatId;
    }
}
