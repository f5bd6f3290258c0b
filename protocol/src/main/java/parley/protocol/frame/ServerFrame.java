package parley.protocol.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import parley.protocol.ErrorCode;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.Limits;
import parley.protocol.model.MessagePage;

/** Every frame the server sends. The JSON form is an object whose {@code type} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerFrame.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = ServerFrame.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = ServerFrame.Message.class, name = "message"),
        @JsonSubTypes.Type(value = ServerFrame.Watermark.class, name = "watermark"),
        @JsonSubTypes.Type(value = ServerFrame.Synced.class, name = "synced"),
        @JsonSubTypes.Type(value = ServerFrame.History.class, name = "history"),
        @JsonSubTypes.Type(value = ServerFrame.Chat.class, name = "chat"),
        @JsonSubTypes.Type(value = ServerFrame.Chats.class, name = "chats"),
        @JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ServerFrame.Presence.class, name = "presence"),
        @JsonSubTypes.Type(value = ServerFrame.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = ServerFrame.Error.class, name = "error"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {

    /** The connection is authenticated; sent once, first. */
    record Ready(String protocol, long userId, String username, long deviceId, int heartbeatSeconds,
                 Limits limits) implements ServerFrame {
    }

    /** The message is stored with this seq (the single tick). Identical for every retry. */
    record Ack(UUID clientMsgId, long chatId, long seq, long serverTime) implements ServerFrame {
    }

    /** A new message in one of my chats, pushed to every online session of every member. */
    record Message(ChatMessage message) implements ServerFrame {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A member's receipt watermarks moved forward: {@code userId} has received ({@code delivered})
     * and read ({@code read}) the chat up to these seqs. {@code at} is when (epoch ms).
     */
    record Watermark(long chatId, long userId, long delivered, long read, long at) implements ServerFrame {
    }

    /**
     * One page of a sync: the messages the client missed (ascending seq within each chat), the
     * state of every chat the page covered, and {@code next}, the {@code fromChat} to ask for the
     * next page with (absent when the sync is complete).
     */
    record Synced(String ref, List<ChatMessage> messages, List<ChatState> chats, Long next)
            implements ServerFrame {
        public Synced {
            messages = List.copyOf(messages);
            chats = List.copyOf(chats);
        }
    }

    /** The answer to a history request. */
    record History(String ref, MessagePage page) implements ServerFrame {
    }

    /** The answer to open_chat: the chat as in the chat list. */
    record Chat(String ref, ChatSummary chat) implements ServerFrame {
    }

    /** The answer to list_chats. */
    record Chats(String ref, ChatPage page) implements ServerFrame {
    }

    /** The answer to ping. */
    record Pong(String ref) implements ServerFrame {
    }

    /**
     * A request failed ({@code ref} names it), a frame could not be read (no {@code ref} when none
     * could be read from it), or, sent right before a close, the reason for the close.
     */
    record Error(String ref, @JsonProperty(required = true) ErrorCode code, String message, Long retryAfterMs)
            implements ServerFrame {
        public Error {
            Objects.requireNonNull(code, "code");
        }

        /** An error without a retry hint. */
        public Error(String ref, ErrorCode code, String message) {
            this(ref, code, message, null);
        }
    }

    /**
     * A contact's presence: online now, or offline and last seen at {@code lastSeen} (epoch ms).
     * {@code lastSeen} is absent when unknown or hidden by privacy (then {@code online} is false).
     */
    record Presence(long userId, boolean online, Long lastSeen) implements ServerFrame {
    }

    /** {@code userId} is typing in the chat ({@code typing} true), or stopped. Expires after 6 s without renewal. */
    record Typing(long chatId, long userId, boolean typing) implements ServerFrame {
    }
}
