package parley.server.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import parley.protocol.ProtocolVersion;
import parley.server.config.GatewayConfig;

/**
 * The pipeline of every connection, in order: the read gate (the one switch that stops reading) and
 * the output backpressure (stop reading while the output is backed up; close past a hard bound),
 * TLS (when configured), flush consolidation, HTTP, admission against the connection limits, one
 * request in flight at a time, the idle timer and its HTTP rule (WebSocket silence is the session's
 * rule), upload chunks streamed to the blob store (ahead of aggregation), a bounded body, the
 * router (API, health, web client), the WebSocket gate (origin, subprotocol, token), the handshake,
 * frame reassembly bounded at the frame limit, and the session.
 */
public final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int FLUSHES_PER_SYSCALL = 64;
    /** A connection whose output stays backed up this long is closed: its peer stopped reading. */
    static final long MAX_UNWRITABLE_MILLIS = 60_000;
    /** Output not yet written past which a connection is closed, beyond its own outbound queue. */
    static final long PENDING_OUTPUT_MARGIN_BYTES = 8L * 1024 * 1024;

    private final GatewayConfig config;
    private final Optional<SslContext> tls;
    private final HttpRouter router;
    private final WebSocketGate gate;
    private final HttpResponses responses;
    private final SessionServices services;
    private final Supplier<ChannelHandler> uploads;
    private final ConnectionLimits limits;
    private final ClientAddresses addresses;

    public GatewayInitializer(GatewayConfig config, Optional<SslContext> tls, HttpRouter router, WebSocketGate gate,
                              HttpResponses responses, SessionServices services, Supplier<ChannelHandler> uploads,
                              ConnectionLimits limits, ClientAddresses addresses) {
        this.limits = limits;
        this.addresses = addresses;
        this.uploads = uploads;
        this.config = config;
        this.tls = tls;
        this.router = router;
        this.gate = gate;
        this.responses = responses;
        this.services = services;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("reads", new ReadGate());
        pipeline.addLast("backpressure", new OutboundBackpressure(
                config.outboundQueueBytes() + PENDING_OUTPUT_MARGIN_BYTES, MAX_UNWRITABLE_MILLIS));
        tls.ifPresent(context -> pipeline.addLast("tls", context.newHandler(channel.alloc())));
        // pushes come from other threads one frame at a time: one syscall for many of them
        pipeline.addLast("flushes", new FlushConsolidationHandler(FLUSHES_PER_SYSCALL, true));
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("admission", new ConnectionAdmission(limits, addresses, responses));
        RequestPacing pacing = new RequestPacing();
        pipeline.addLast("slow-requests", new SlowRequestGuard(pacing, responses,
                config.minRequestBytesPerSecond(), services.clock()));
        pipeline.addLast("pacing", pacing);
        long idleSeconds = 3L * config.heartbeatSeconds();
        // ahead of the uploads, so that a body streamed to the blob store counts as reading; reader
        // silence for WebSockets, no bytes either way (output still being taken counts) for HTTP
        pipeline.addLast("idle", new IdleStateHandler(true, idleSeconds, 0, idleSeconds, TimeUnit.SECONDS));
        pipeline.addLast("http-idle", new HttpIdleTimeout(pacing));
        pipeline.addLast("uploads", uploads.get());
        pipeline.addLast("body", new JsonBodyAggregator(config.maxBodyBytes(), responses));
        pipeline.addLast("router", router);
        pipeline.addLast("gate", gate);
        pipeline.addLast("handshake", new WebSocketServerProtocolHandler(webSocketConfig()));
        pipeline.addLast("frames", new WebSocketFrameAggregator(config.maxFrameBytes()));
        pipeline.addLast("session", new WebSocketSessionHandler(services));
    }

    private WebSocketServerProtocolConfig webSocketConfig() {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(HttpRouter.WEBSOCKET_PATH)
                .subprotocols(ProtocolVersion.V1)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxFrameBytes())
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
    }
}
