package parley.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.ProtocolVersion;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;

/**
 * One WebSocket connection after the handshake: authenticates it (from the upgrade header, or
 * from an {@code auth} first frame within {@link #AUTH_TIMEOUT_SECONDS}), then decodes each text
 * frame and hands it to the chat core. Frames are handled one at a time, in arrival order, on the
 * channel's event loop; sends and receipts only enqueue, and reads go to the blocking pool. A bad
 * frame gets an {@code error} and the connection stays open; only a frame over the size limit, an
 * unauthenticated client or a silent one is disconnected.
 *
 * <p>Backpressure: frames go through the session's {@link FramePacer}. When one has to wait (the
 * connection has its cap of requests in flight, or sends faster than its rate), the socket is no
 * longer read until every frame read so far was taken; those (at most one read's worth) wait in
 * order. A client that floods therefore only slows itself down, its messages in the order it sent
 * them; it gets no errors. Should more than {@link #MAX_WAITING} frames pile up anyway, the
 * excess is answered {@code rate_limited}, so memory stays bounded.
 */
public final class WebSocketSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSessionHandler.class);
    static final int AUTH_TIMEOUT_SECONDS = 10;
    static final int MAX_WAITING = 1024;

    private final SessionServices services;
    private Session session;
    private ConnectionPresence presence;
    private boolean upgraded;
    private boolean authenticating;
    private ScheduledFuture<?> authTimeout;
    private FramePacer pacer;

    public WebSocketSessionHandler(SessionServices services) {
        this.services = services;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            upgraded = true;
            AuthenticatedDevice device = ctx.channel().attr(WebSocketGate.DEVICE).getAndSet(null);
            if (device != null) {
                start(ctx, device);
            } else {
                authTimeout = ctx.executor().schedule(() -> refuse(ctx, ErrorCode.UNAUTHORIZED,
                        "authenticate within " + AUTH_TIMEOUT_SECONDS + " s"), AUTH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } else if (event instanceof IdleStateEvent idle) {
            // only the reader's silence counts, and only on a WebSocket (HttpIdleTimeout has plain HTTP)
            // nor while the server holds its reading (pacing): then the silence is the server's
            if (upgraded && idle.state() == IdleState.READER_IDLE && !ReadGate.isHeldByServer(ctx.channel())) {
                refuse(ctx, ErrorCode.IDLE_TIMEOUT, "nothing heard for " + 3 * services.heartbeatSeconds() + " s");
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            reply(ctx, new ServerFrame.Error(null, ErrorCode.INVALID_REQUEST, "frames are JSON text, not binary"));
            return;
        }
        ClientFrame decoded;
        try {
            decoded = services.codec().decodeClient(text.text());
        } catch (ProtocolException e) {
            reply(ctx, new ServerFrame.Error(null, e.code(), e.getMessage()));
            return;
        }
        if (session == null) {
            authenticate(ctx, decoded);
            return;
        }
        if (!pacer.offer(decoded) && !ReadGate.isPausedFor(ctx.channel(), ReadGate.Reason.PACED)) {
            ReadGate.pause(ctx.channel(), ReadGate.Reason.PACED);
            pacer.whenTaken(() -> ReadGate.resume(ctx.channel(), ReadGate.Reason.PACED));
        }
    }

    private void authenticate(ChannelHandlerContext ctx, ClientFrame frame) {
        if (!(frame instanceof ClientFrame.Auth auth) || authenticating) {
            refuse(ctx, ErrorCode.UNAUTHORIZED, "the first frame must be auth");
            return;
        }
        authenticating = true;
        ReadGate.pause(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
        try {
            services.blocking().execute(() -> {
                Optional<AuthenticatedDevice> device;
                try {
                    device = services.accounts().authenticate(auth.token());
                } catch (RuntimeException e) {
                    // the token could not be checked (the database is down): retryable, not a refusal
                    ctx.executor().execute(() -> refuse(ctx, ErrorCode.UNAVAILABLE, "the token cannot be checked now; reconnect later"));
                    return;
                }
                ctx.executor().execute(() -> {
                    ReadGate.resume(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
                    device.ifPresentOrElse(d -> start(ctx, d),
                            () -> refuse(ctx, ErrorCode.UNAUTHORIZED, "missing, expired or revoked token"));
                });
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, ErrorCode.OVERLOADED, "the server is overloaded; retry later");
        }
    }

    private void start(ChannelHandlerContext ctx, AuthenticatedDevice device) {
        if (authTimeout != null) {
            authTimeout.cancel(false);
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        // Pushes to the user must reach this node before the client hears "ready" and syncs, so that
        // every message is either in its sync or pushed after it. Frames wait meanwhile.
        ReadGate.pause(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
        services.bus().subscribe(device.userId()).whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            ReadGate.resume(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
            if (failure != null) {
                services.bus().unsubscribe(device.userId());
                refuse(ctx, ErrorCode.UNAVAILABLE, "the cluster bus is unavailable; reconnect later");
            } else if (!ctx.channel().isActive()) {
                services.bus().unsubscribe(device.userId());
            } else {
                open(ctx, device);
            }
        }));
    }

    private void open(ChannelHandlerContext ctx, AuthenticatedDevice device) {
        session = new WebSocketSession(device, ctx.channel(), services.codec(), services.outboundQueueBytes(),
                services.outboundBudget());
        session.send(new ServerFrame.Ready(ProtocolVersion.V1, device.userId(), device.username(), device.deviceId(),
                services.heartbeatSeconds(), services.limits()));
        services.registry().add(session);
        presence = new ConnectionPresence(session, services.presence(), services.clock(), services.heartbeatSeconds());
        presence.start(ctx.executor());
        pacer = new FramePacer(new FrameDispatcher(services, session, presence), ctx.executor(), session, MAX_WAITING);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (authTimeout != null) {
            authTimeout.cancel(false);
        }
        if (pacer != null) {
            pacer.close();
        }
        if (session != null) {
            services.registry().remove(session);
            services.bus().unsubscribe(session.device().userId());
            presence.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            boolean tooLarge = cause instanceof TooLongFrameException || String.valueOf(cause.getMessage()).contains("length");
            refuse(ctx, tooLarge ? ErrorCode.FRAME_TOO_LARGE : ErrorCode.INVALID_REQUEST, tooLarge
                    ? "a frame is over the limit of " + services.limits().maxFrameBytes() + " bytes"
                    : "corrupt WebSocket frame");
            return;
        }
        LOG.debug("connection failed", cause);
        ctx.close();
    }

    private void reply(ChannelHandlerContext ctx, ServerFrame frame) {
        if (session != null) {
            session.send(frame);
        } else {
            ctx.writeAndFlush(new TextWebSocketFrame(services.codec().encode(frame)));
        }
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode reason, String message) {
        if (session != null) {
            session.close(reason, message);
        } else if (ctx.channel().isActive()) {
            WebSocketSession.closeChannel(ctx.channel(), services.codec(), reason, message);
        }
    }
}
