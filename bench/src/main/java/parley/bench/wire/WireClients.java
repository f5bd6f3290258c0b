package parley.bench.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;

/**
 * Opens {@link WireSession}s to one server over a few shared event-loop threads. Connections are
 * spread round-robin over the given local source addresses (e.g. 127.0.0.1 to 127.0.0.8 towards a
 * server on the loopback), since one source address has only about 28,000 ephemeral ports towards
 * one server port. Plain {@code ws://} only: the load tool measures the server, not TLS.
 * Thread-safe; closing it closes every session.
 */
public final class WireClients implements AutoCloseable {
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int UPGRADE_TIMEOUT_MILLIS = 60_000;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final URI webSocket;
    private final InetSocketAddress server;
    private final List<InetAddress> sources;
    private final AtomicInteger next = new AtomicInteger();
    private final JsonCodec codec = new JsonCodec();

    /** A session being opened, and its {@code ready} (failed if the connection ends first). */
    public record Opening(WireSession session, CompletableFuture<ServerFrame.Ready> ready) {
    }

    /**
     * @param server  the server's base URL, {@code http://host:port}
     * @param threads event-loop threads
     * @param sources local addresses to connect from, round-robin; empty for the system's choice
     */
    public WireClients(URI server, int threads, List<InetAddress> sources) {
        if (!"http".equals(server.getScheme())) {
            throw new IllegalArgumentException("raw sessions speak plain ws:// only; got " + server);
        }
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, UPGRADE_TIMEOUT_MILLIS);
        int port = server.getPort() > 0 ? server.getPort() : 80;
        this.webSocket = URI.create("ws://" + server.getHost() + ":" + port + "/ws");
        this.server = new InetSocketAddress(server.getHost(), port);
        this.sources = List.copyOf(sources);
    }

    /** Opens a session for the device with this token; {@code tag} is kept on the session. */
    public Opening open(String token, WireListener listener, Object tag) {
        CompletableFuture<ServerFrame.Ready> ready = new CompletableFuture<>();
        WireSession session = new WireSession(codec, new WireListener() {
            @Override
            public void ready(WireSession s, ServerFrame.Ready frame) {
                ready.complete(frame);
                listener.ready(s, frame);
            }

            @Override
            public void frame(WireSession s, ServerFrame frame) {
                listener.frame(s, frame);
            }

            @Override
            public void closed(WireSession s, String why) {
                ready.completeExceptionally(new IllegalStateException(why));
                listener.closed(s, why);
            }
        }, tag);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(webSocket)
                .subprotocol("parley.v1")
                .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(UPGRADE_TIMEOUT_MILLIS)
                .build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(config), session);
            }
        });
        session.bind(sources.isEmpty() ? b.connect(server)
                : b.connect(server, new InetSocketAddress(sources.get(Math.floorMod(next.getAndIncrement(), sources.size())), 0)));
        return new Opening(session, ready);
    }

    /** Local addresses 127.0.0.1 to 127.0.0.{@code count}, for a server on the loopback. */
    public static List<InetAddress> loopbackSources(int count) {
        if (count <= 1) {
            return List.of();
        }
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> {
            try {
                return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i});
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
