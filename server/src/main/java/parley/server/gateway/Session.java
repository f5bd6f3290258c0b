package parley.server.gateway;

import parley.protocol.ErrorCode;
import parley.server.auth.AuthenticatedDevice;
import parley.server.chat.FrameSink;

/**
 * The outbound side of one authenticated connection of one device, whatever carries it: a
 * WebSocket ({@link WebSocketSession}) or a long-poll session ({@link LongPollSession}). The
 * {@link SessionRegistry} holds these, so pushes, receipts, presence and typing reach every kind
 * alike. All methods are safe from any thread and never block.
 */
public interface Session extends FrameSink {
    AuthenticatedDevice device();

    /** Pushes an already encoded frame; the bytes are shared, not copied, and must not change. */
    void sendEncoded(byte[] frame);

    /** Tells the client why, then ends the connection. Idempotent. */
    void close(ErrorCode reason, String message);
}
