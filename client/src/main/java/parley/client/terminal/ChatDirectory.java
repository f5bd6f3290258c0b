package parley.client.terminal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.UserRef;

/**
 * The chats and users the terminal client knows by name, learnt from chat summaries. Thread-safe
 * (the REPL thread and the SDK's callback thread both use it).
 */
final class ChatDirectory {
    private final long me;
    private final Map<Long, ChatSummary> chats = new HashMap<>();
    private final Map<Long, String> usernames = new HashMap<>();

    ChatDirectory(long me, String myName) {
        this.me = me;
        usernames.put(me, myName);
    }

    synchronized void learn(ChatSummary chat) {
        chats.put(chat.chatId(), chat);
        for (UserRef member : chat.members()) {
            usernames.put(member.userId(), member.username());
        }
    }

    synchronized boolean knows(long chatId) {
        return chats.containsKey(chatId);
    }

    synchronized Optional<ChatSummary> chat(long chatId) {
        return Optional.ofNullable(chats.get(chatId));
    }

    /** "chat with bob" (the other members), "notes to self" for a chat with oneself, or "chat 42". */
    synchronized String label(long chatId) {
        ChatSummary chat = chats.get(chatId);
        if (chat == null) {
            return "chat " + chatId;
        }
        String others = chat.members().stream()
                .filter(m -> m.userId() != me)
                .map(UserRef::username)
                .collect(Collectors.joining(", "));
        return others.isEmpty() ? "notes to self" : "chat with " + others;
    }

    /** The other members' names ("bob"), or {@code fallback} when the chat is unknown. */
    synchronized String others(long chatId, String fallback) {
        ChatSummary chat = chats.get(chatId);
        if (chat == null) {
            return fallback;
        }
        String others = chat.members().stream()
                .filter(m -> m.userId() != me)
                .map(UserRef::username)
                .collect(Collectors.joining(", "));
        return others.isEmpty() ? "me" : others;
    }

    /** "me" for me, the username, or "user 7" for a stranger. */
    synchronized String name(long userId) {
        if (userId == me) {
            return "me";
        }
        String name = usernames.get(userId);
        return name == null ? "user " + userId : name;
    }
}
