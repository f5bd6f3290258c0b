package parley.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;
import parley.server.chat.FrameSink;

/**
 * One authenticated WebSocket connection of one device.
 *
 * <p>Outbound frames may come from any thread (the writer's fan-out, the blocking pool, the event
 * loop); Netty queues writes from other threads onto the channel's event loop in call order, so
 * frames pushed from one thread arrive in that order. The outbound queue is bounded: {@code pending}
 * counts frames handed to Netty and not yet written to the socket; past {@code maxPending}, the
 * client is too slow to keep up and the connection is closed with {@code slow_consumer}; the client
 * resyncs on reconnect, so nothing is lost, and the server's memory stays bounded.
 */
public final class Session implements FrameSink {
    private final AuthenticatedDevice device;
    private final Channel channel;
    private final JsonCodec codec;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ChannelFutureListener written;

    public Session(AuthenticatedDevice device, Channel channel, JsonCodec codec, int maxPending) {
        this.device = device;
        this.channel = channel;
        this.codec = codec;
        this.maxPending = maxPending;
        this.written = future -> pending.decrementAndGet();
    }

    public AuthenticatedDevice device() {
        return device;
    }

    @Override
    public void send(ServerFrame frame) {
        sendEncoded(codec.encodeBytes(frame));
    }

    /** Pushes an already encoded frame; the bytes are shared, not copied, and must not change. */
    public void sendEncoded(byte[] frame) {
        if (closing.get()) {
            return;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            close(ErrorCode.SLOW_CONSUMER, "too many frames waiting to be written; reconnect and sync");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame))).addListener(written);
    }

    /** Tells the client why, then closes the connection. Idempotent. */
    public void close(ErrorCode reason, String message) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeChannel(channel, codec, reason, message);
    }

    /** Sends an error frame without ref and a close frame whose reason is the error code, then closes. */
    static void closeChannel(Channel channel, JsonCodec codec, ErrorCode reason, String message) {
        byte[] error = codec.encodeBytes(new ServerFrame.Error(null, reason, message));
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(error)));
        channel.writeAndFlush(new CloseWebSocketFrame(closeStatus(reason), reason.wire()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static int closeStatus(ErrorCode reason) {
        return switch (reason) {
            case FRAME_TOO_LARGE -> WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
            case UNAUTHORIZED, SESSION_REVOKED, FORBIDDEN_ORIGIN -> WebSocketCloseStatus.POLICY_VIOLATION.code();
            case SLOW_CONSUMER, OVERLOADED, SHUTTING_DOWN -> WebSocketCloseStatus.TRY_AGAIN_LATER.code();
            case IDLE_TIMEOUT -> WebSocketCloseStatus.NORMAL_CLOSURE.code();
            case INTERNAL -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code();
            default -> WebSocketCloseStatus.PROTOCOL_ERROR.code();
        };
    }
}
