package parley.client.connection;

import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;

/**
 * What a {@link ParleyConnection} tells the application. Every method has a no-op default.
 *
 * <p><b>Threading.</b> All calls, and the completion of every future the connection returns,
 * happen on one SDK callback thread, one at a time, in the order the events occurred. Return
 * quickly; never block that thread waiting for another future of the same connection (it would
 * wait for itself): chain with {@code thenAccept} instead, or hand the work to your own thread.
 * Calling the connection's methods (send, markRead, ...) from a callback is fine. An exception
 * thrown by a callback is logged and otherwise ignored.
 */
public interface ConnectionListener {

    /**
     * A message of one of my chats, from anyone (my own sends included, from this device or
     * another). Per chat: each seq exactly once, in ascending order, with no gap, across
     * reconnects, whether it came by push, sync or gap fill.
     */
    default void onMessage(ChatMessage message) {
    }

    /** The server stored one of my sends (the single tick). May repeat after a resend. */
    default void onAck(ServerFrame.Ack ack) {
    }

    /** A member's delivered/read watermarks of a chat moved (ticks). */
    default void onWatermark(ServerFrame.Watermark watermark) {
    }

    /** A chat's state from a resync: its last seq and the watermarks, also those missed offline. */
    default void onChatState(ChatState state) {
    }

    /** The connection's state changed. */
    default void onStateChange(ConnectionState state) {
    }

    /**
     * An error the server reported outside any request of mine: the reason for a close that
     * follows ({@code slow_consumer}, {@code session_revoked}, {@code unauthorized},
     * {@code idle_timeout}, {@code shutting_down}), or an error for a receipt or for a send
     * without a future (one restored from a persistent outbox). The upgrade refused with 401 is
     * reported here too, as {@code unauthorized}.
     */
    default void onError(ServerFrame.Error error) {
    }

    /**
     * A contact's presence: on connect one per contact whose presence I may see, then each change.
     * {@code lastSeen} is absent while online, and when unknown or hidden by privacy.
     */
    default void onPresence(ServerFrame.Presence presence) {
    }

    /**
     * A member of one of my chats started or stopped typing there. Show it until a stop, a message
     * from that user in that chat, or 6 seconds without renewal.
     */
    default void onTyping(ServerFrame.Typing typing) {
    }
}
