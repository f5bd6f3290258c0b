package parley.protocol.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import parley.protocol.model.ReceiptKind;

/**
 * Every frame a client sends over a WebSocket (or, later, a long poll). The JSON form is an
 * object whose {@code type} names the record. Requests that get an answer carry a client-chosen
 * {@code ref}, echoed in the answer and in any error; a send is answered by its
 * {@code clientMsgId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientFrame.Auth.class, name = "auth"),
        @JsonSubTypes.Type(value = ClientFrame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = ClientFrame.Receipt.class, name = "receipt"),
        @JsonSubTypes.Type(value = ClientFrame.Sync.class, name = "sync"),
        @JsonSubTypes.Type(value = ClientFrame.History.class, name = "history"),
        @JsonSubTypes.Type(value = ClientFrame.OpenChat.class, name = "open_chat"),
        @JsonSubTypes.Type(value = ClientFrame.ListChats.class, name = "list_chats"),
        @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientFrame.Typing.class, name = "typing"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ClientFrame {

    /** The client's correlation id for this request, if any. */
    default String ref() {
        return null;
    }

    /** Authenticates the connection when the upgrade request carried no token. Must come first. */
    record Auth(@JsonProperty(required = true) String token) implements ClientFrame {
        public Auth {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Auth[token=<redacted>]";
        }
    }

    /**
     * Sends a message. {@code clientMsgId} is the client's id for it: a retry with the same id
     * returns the first ack and stores nothing new. With {@code mediaId} (an uploaded file) it is a
     * media message and {@code text} its caption, which may be empty.
     */
    record Send(@JsonProperty(required = true) UUID clientMsgId,
                @JsonProperty(required = true) long chatId,
                @JsonProperty(required = true) String text,
                String mediaId) implements ClientFrame {
        public Send {
            Objects.requireNonNull(clientMsgId, "clientMsgId");
            Objects.requireNonNull(text, "text");
        }

        /** A text message. */
        public Send(UUID clientMsgId, long chatId, String text) {
            this(clientMsgId, chatId, text, null);
        }

        @Override
        public String ref() {
            return clientMsgId.toString();
        }
    }

    /** "This device has received" ({@code delivered}) or "the user has read" chat up to seq. */
    record Receipt(String ref,
                   @JsonProperty(required = true) long chatId,
                   @JsonProperty(required = true) ReceiptKind kind,
                   @JsonProperty(required = true) long seq) implements ClientFrame {
        public Receipt {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Asks for what the client misses. {@code since} maps chat id to the highest seq the client
     * holds; a chat it leaves out counts as 0. {@code fromChat} continues a paged sync: the
     * {@code next} of the previous page.
     */
    record Sync(String ref, Map<Long, Long> since, Long fromChat, Integer limit) implements ClientFrame {
        public Sync {
            since = since == null ? Map.of() : Map.copyOf(since);
        }
    }

    /** A page of one chat's history: before a seq (older), after a seq (newer), or the newest. */
    record History(String ref,
                   @JsonProperty(required = true) long chatId,
                   Long before, Long after, Integer limit) implements ClientFrame {
    }

    /** Opens (or gets) the one-on-one chat with a user. */
    record OpenChat(String ref, @JsonProperty(required = true) String username) implements ClientFrame {
        public OpenChat {
            Objects.requireNonNull(username, "username");
        }
    }

    /** A page of my chats, newest activity first. */
    record ListChats(String ref, String before, Integer limit) implements ClientFrame {
    }

    /** An application-level heartbeat; answered with {@code pong}. */
    record Ping(String ref) implements ClientFrame {
    }

    /**
     * I am typing in a chat ({@code typing} true; renew every few seconds while typing) or stopped.
     * Pushed to the other members' online sessions, never stored. Excess frames are dropped quietly.
     */
    record Typing(String ref, @JsonProperty(required = true) long chatId,
                  @JsonProperty(required = true) boolean typing) implements ClientFrame {
    }
}
