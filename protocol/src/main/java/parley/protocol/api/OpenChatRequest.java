package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code POST /api/chats/direct}: open (or get) the one-on-one chat with a user. */
public record OpenChatRequest(@JsonProperty(required = true) String username) {
    public OpenChatRequest {
        Objects.requireNonNull(username, "username");
    }
}
