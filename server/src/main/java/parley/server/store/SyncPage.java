package parley.server.store;

import java.util.List;
import java.util.Optional;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;

/** One page of a sync walk; see {@link MessageStore#sync}. */
public record SyncPage(List<ChatMessage> messages, List<ChatState> chats, Optional<Long> next) {
    public SyncPage {
        messages = List.copyOf(messages);
        chats = List.copyOf(chats);
    }
}
