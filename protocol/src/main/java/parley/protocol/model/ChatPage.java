package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of the chat list, newest activity first; {@code next} is the cursor of the next page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatPage(List<ChatSummary> chats, String next) {
    public ChatPage {
        chats = List.copyOf(chats);
    }
}
