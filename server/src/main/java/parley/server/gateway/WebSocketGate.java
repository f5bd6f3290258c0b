package parley.server.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.RejectedExecutionException;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.ProtocolVersion;
import parley.server.auth.AccountService;
import parley.server.auth.AuthenticatedDevice;

/**
 * Checks a WebSocket upgrade request before the handshake: the Origin (against
 * {@link OriginPolicy}), the subprotocol ({@code parley.v1}), no query string (a token never goes
 * in a URL, where logs and proxies keep it), and, when the request carries an
 * {@code Authorization: Bearer} header, the token. A refused upgrade gets an HTTP error with the
 * API's JSON body; an accepted one goes on to the handshake with the device, if any, in
 * {@link #DEVICE}. Without a header, the client authenticates with its first frame.
 */
@ChannelHandler.Sharable
public final class WebSocketGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketGate.class);
    public static final AttributeKey<AuthenticatedDevice> DEVICE = AttributeKey.valueOf("parley.device");

    private final OriginPolicy origins;
    private final AccountService accounts;
    private final BlockingExecutor blocking;
    private final HttpResponses responses;

    public WebSocketGate(OriginPolicy origins, AccountService accounts, BlockingExecutor blocking,
                         HttpResponses responses) {
        this.origins = origins;
        this.accounts = accounts;
        this.blocking = blocking;
        this.responses = responses;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Optional<ProtocolException> refusal = check(request);
        if (refusal.isPresent()) {
            ReferenceCountUtil.release(request);
            responses.error(ctx, false, refusal.get());
            return;
        }
        Optional<String> token = HttpRouter.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (token.isEmpty()) {
            ctx.fireChannelRead(request);
            return;
        }
        ReadGate.pause(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
        try {
            blocking.execute(() -> {
                Optional<AuthenticatedDevice> device;
                try {
                    device = accounts.authenticate(token.get());
                } catch (RuntimeException e) {
                    ctx.executor().execute(() -> unavailable(ctx, request, e));
                    return;
                }
                ctx.executor().execute(() -> admit(ctx, request, device));
            });
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(request);
            responses.error(ctx, false, ErrorMapper.toProtocol(e));
        }
    }

    // The token could not be checked (the database is down): not a refusal of the token, so the
    // client hears a retryable unavailable, not unauthorized, and reconnects later.
    private void unavailable(ChannelHandlerContext ctx, FullHttpRequest request, RuntimeException cause) {
        LOG.warn("cannot check a token: {}", cause.toString());
        ReadGate.resume(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
        ReferenceCountUtil.release(request);
        responses.error(ctx, false, new ProtocolException(ErrorCode.UNAVAILABLE, "the token cannot be checked now; retry"));
    }

    private void admit(ChannelHandlerContext ctx, FullHttpRequest request, Optional<AuthenticatedDevice> device) {
        ReadGate.resume(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
        if (device.isEmpty()) {
            ReferenceCountUtil.release(request);
            responses.error(ctx, false, new ProtocolException(ErrorCode.UNAUTHORIZED, "missing, expired or revoked token"));
            return;
        }
        ctx.channel().attr(DEVICE).set(device.get());
        ctx.fireChannelRead(request);
    }

    private Optional<ProtocolException> check(FullHttpRequest request) {
        if (!new QueryStringDecoder(request.uri()).parameters().isEmpty() || request.uri().contains("?")) {
            return Optional.of(new ProtocolException(ErrorCode.INVALID_REQUEST,
                    "no query string on " + HttpRouter.WEBSOCKET_PATH + ": send the token in the Authorization header or an auth frame"));
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!origins.allows(origin, request.headers().get(HttpHeaderNames.HOST))) {
            return Optional.of(new ProtocolException(ErrorCode.FORBIDDEN_ORIGIN, "origin " + origin + " is not allowed"));
        }
        String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
        boolean speaksV1 = Arrays.stream(offered.split(",")).map(String::trim).anyMatch(ProtocolVersion.V1::equals);
        if (!speaksV1) {
            return Optional.of(new ProtocolException(ErrorCode.UNSUPPORTED_PROTOCOL,
                    "offer the WebSocket subprotocol " + ProtocolVersion.V1));
        }
        return Optional.empty();
    }
}
