package parley.server.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.http.ApiRequest;
import parley.server.http.ApiResponse;
import parley.server.http.ApiRoutes;
import parley.server.media.http.MediaDownloads;

/**
 * Routes plain HTTP requests: {@code /api/...} to the JSON API (run on the blocking pool), the
 * health checks ({@code /livez} and {@code /healthz}: the process answers; {@code /readyz}: it wants
 * connections, 503 while it drains), {@code /api/poll/sessions...} to the long-polling transport,
 * media downloads ({@code /api/media/...}, streamed from the blob store),
 * the web client's files, and {@code /ws} on to the WebSocket
 * stages. Anything else is a JSON 404.
 */
@ChannelHandler.Sharable
public final class HttpRouter extends ChannelInboundHandlerAdapter {
    public static final String WEBSOCKET_PATH = "/ws";

    private final ApiRoutes api;
    private final WorkPools pools;
    private final ClientAddresses addresses;
    private final HttpResponses responses;
    private final StaticFiles files;
    private final Readiness readiness;
    private final LongPollSessions longPoll;
    private final MediaDownloads media;

    public HttpRouter(ApiRoutes api, WorkPools pools, ClientAddresses addresses, HttpResponses responses,
                      StaticFiles files, Readiness readiness, LongPollSessions longPoll, MediaDownloads media) {
        this.pools = pools;
        this.addresses = addresses;
        this.longPoll = longPoll;
        this.media = media;
        this.api = api;
        this.responses = responses;
        this.files = files;
        this.readiness = readiness;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (path.equals(WEBSOCKET_PATH)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (path.equals(LongPollSessions.PREFIX) || path.startsWith(LongPollSessions.PREFIX + "/")) {
                longPoll.handle(new LongPollSessions.Call(ctx, keepAlive, request.method().name(), path,
                        uri.parameters(), body(request), bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION))));
            } else if (MediaDownloads.handles(path)) {
                media.handle(ctx, request, path);
            } else if (path.startsWith("/api/")) {
                api(ctx, request, uri, keepAlive);
            } else if (path.equals("/healthz") || path.equals("/livez")) {
                Readiness.Answer live = readiness.liveness();
                responses.json(ctx, keepAlive, live.status(), live.body());
            } else if (path.equals("/readyz")) {
                Readiness.Answer ready = readiness.readiness();
                responses.json(ctx, keepAlive, ready.status(), ready.body());
            } else if (request.method().name().equals("GET") && files.find(path).isPresent()) {
                StaticFiles.File file = files.find(path).get();
                responses.file(ctx, keepAlive, file.contentType(), file.bytes());
            } else {
                responses.error(ctx, keepAlive, new ProtocolException(ErrorCode.NOT_FOUND, "no such resource"));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void api(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, boolean keepAlive) {
        ApiRequest apiRequest = new ApiRequest(request.method().name(), uri.path(), uri.parameters(), body(request),
                bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
                addresses.client(ctx.channel(), request.headers()));
        BlockingExecutor pool = pools.forRequest(apiRequest.method(), apiRequest.path());
        try {
            pool.submit(() -> {
                try {
                    ApiResponse response = api.handle(apiRequest);
                    responses.json(ctx, keepAlive, response.status(), response.body());
                } catch (RuntimeException e) {
                    responses.error(ctx, keepAlive, ErrorMapper.toProtocol(e));
                }
            }, () -> ctx.channel().isActive(), () -> responses.error(ctx, keepAlive, new ProtocolException(
                    ErrorCode.OVERLOADED, "the server is too busy to take this request now; retry later")
                    .withRetryAfter(1000)));
        } catch (RejectedExecutionException e) {
            responses.error(ctx, keepAlive, ErrorMapper.toProtocol(e));
        }
    }

    private static byte[] body(FullHttpRequest request) {
        byte[] body = new byte[request.content().readableBytes()];
        request.content().readBytes(body);
        return body;
    }

    /** The token of an {@code Authorization: Bearer ...} header. */
    public static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }
}
