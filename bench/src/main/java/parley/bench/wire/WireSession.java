package parley.bench.wire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * One raw WebSocket session of the load tool: far lighter than an SDK connection (no threads of
 * its own, no outbox, no resync logic), so that one process can hold tens of thousands. It speaks
 * the protocol plainly: the token goes in the upgrade's {@code Authorization} header, the first
 * frame is {@code ready}, a {@code ping} goes out every {@code heartbeatSeconds} (the first one at
 * a random point of the interval, so that thousands of sessions do not ping in step), and every
 * frame is decoded with the protocol's codec and handed to the {@link WireListener}.
 *
 * <p>Threading: everything happens on the channel's event loop; {@link #send} and {@link #close}
 * may be called from any thread (Netty hands the write to the loop).
 */
public final class WireSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final JsonCodec codec;
    private final WireListener listener;
    private final Object tag;
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private volatile Channel channel;
    private volatile boolean ready;
    private volatile long pongs;
    private ScheduledFuture<?> heartbeat;
    private long pings;

    WireSession(JsonCodec codec, WireListener listener, Object tag) {
        this.codec = codec;
        this.listener = listener;
        this.tag = tag;
    }

    /** What the caller attached to this session (e.g. its user). */
    public Object tag() {
        return tag;
    }

    public boolean isReady() {
        return ready;
    }

    public boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /** False while the connection's outbound buffer is over its high-water mark (the peer reads slower than we write). */
    public boolean isWritable() {
        Channel c = channel;
        return c != null && c.isWritable();
    }

    /** Pongs received: each one a heartbeat the server answered. */
    public long pongs() {
        return pongs;
    }

    /** The event loop this session runs on, to schedule work beside it. */
    public io.netty.channel.EventLoop executor() {
        return channel.eventLoop();
    }

    /** Writes a frame; false when the session is not open. */
    public boolean send(ClientFrame frame) {
        Channel c = channel;
        if (c == null || !c.isActive()) {
            return false;
        }
        c.writeAndFlush(new TextWebSocketFrame(codec.encode(frame)), c.voidPromise());
        return true;
    }

    /** Closes the TCP connection at once (as a dropped network would, no close handshake). */
    public void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    void bind(ChannelFuture connected) {
        this.channel = connected.channel();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                closed("connect failed: " + f.cause());
            }
        });
        connected.channel().closeFuture().addListener(f -> closed("connection closed"));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            closed("upgrade timed out");
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        ServerFrame decoded;
        try {
            decoded = codec.decodeServer(text.text());
        } catch (ProtocolException e) {
            closed("undecodable frame: " + e.getMessage());
            ctx.close();
            return;
        }
        if (decoded instanceof ServerFrame.Ready r) {
            ready = true;
            startHeartbeat(ctx, r.heartbeatSeconds());
            listener.ready(this, r);
            return;
        }
        if (decoded instanceof ServerFrame.Pong) {
            pongs++;
        }
        listener.frame(this, decoded);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        ctx.close();
    }

    private void startHeartbeat(ChannelHandlerContext ctx, int seconds) {
        long periodMillis = TimeUnit.SECONDS.toMillis(Math.max(1, seconds));
        long firstMillis = ThreadLocalRandom.current().nextLong(periodMillis) + 1;
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> send(new ClientFrame.Ping("hb-" + (++pings))),
                firstMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void closed(String why) {
        if (closedOnce.compareAndSet(false, true)) {
            ready = false;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            listener.closed(this, why);
        }
    }
}
