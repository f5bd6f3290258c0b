package parley.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;

/**
 * One authenticated WebSocket connection of one device.
 *
 * <p>Outbound frames may come from any thread (the writer's fan-out, the blocking pool, the event
 * loop); Netty queues writes from other threads onto the channel's event loop in call order, so
 * frames pushed from one thread arrive in that order. The outbound queue is bounded in bytes:
 * {@code pendingBytes} counts the bytes of frames handed to Netty and not yet written to the
 * socket; past {@code maxPendingBytes}, the client is too slow to keep up and the connection is
 * closed with {@code slow_consumer}; the client resyncs on reconnect, so nothing is lost, and the
 * server's memory stays bounded. The same bytes count against the user's and the node's
 * {@link OutboundBudget}: a frame that does not fit closes the session the same way.
 */
public final class WebSocketSession implements Session {
    private static final long CLOSE_GRACE_MILLIS = 1000;
    private final AuthenticatedDevice device;
    private final Channel channel;
    private final JsonCodec codec;
    private final long maxPendingBytes;
    private final OutboundBudget budget;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();

    public WebSocketSession(AuthenticatedDevice device, Channel channel, JsonCodec codec, long maxPendingBytes,
                            OutboundBudget budget) {
        this.device = device;
        this.budget = budget;
        this.channel = channel;
        this.codec = codec;
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public AuthenticatedDevice device() {
        return device;
    }

    @Override
    public void send(ServerFrame frame) {
        sendEncoded(codec.encodeBytes(frame));
    }

    @Override
    public void sendEncoded(byte[] frame) {
        if (closing.get()) {
            return;
        }
        int size = frame.length;
        long pending = pendingBytes.addAndGet(size);
        if (pending > maxPendingBytes) {
            pendingBytes.addAndGet(-size);
            close(ErrorCode.SLOW_CONSUMER, "too much waiting to be written to this connection; reconnect and sync");
            return;
        }
        if (!budget.reserve(device.userId(), pending - size, size)) {
            pendingBytes.addAndGet(-size);
            close(ErrorCode.SLOW_CONSUMER, "too much waiting to be written to your connections or this node's; "
                    + "reconnect and sync");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame))).addListener(future -> {
            pendingBytes.addAndGet(-size);
            budget.release(device.userId(), size);
        });
    }

    @Override
    public void close(ErrorCode reason, String message) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeChannel(channel, codec, reason, message);
    }

    /**
     * Sends an error frame without ref and a close frame whose reason is the error code, then closes.
     * A peer that does not read (a slow consumer) never lets those frames out, so the connection is
     * cut after {@link #CLOSE_GRACE_MILLIS} regardless.
     */
    static void closeChannel(Channel channel, JsonCodec codec, ErrorCode reason, String message) {
        byte[] error = codec.encodeBytes(new ServerFrame.Error(null, reason, message));
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(error)));
        channel.writeAndFlush(new CloseWebSocketFrame(closeStatus(reason), reason.wire()))
                .addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static int closeStatus(ErrorCode reason) {
        return switch (reason) {
            case FRAME_TOO_LARGE -> WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
            case UNAUTHORIZED, SESSION_REVOKED, FORBIDDEN_ORIGIN -> WebSocketCloseStatus.POLICY_VIOLATION.code();
            case SLOW_CONSUMER, OVERLOADED, UNAVAILABLE, SHUTTING_DOWN -> WebSocketCloseStatus.TRY_AGAIN_LATER.code();
            case IDLE_TIMEOUT -> WebSocketCloseStatus.NORMAL_CLOSURE.code();
            case INTERNAL -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code();
            default -> WebSocketCloseStatus.PROTOCOL_ERROR.code();
        };
    }
}
