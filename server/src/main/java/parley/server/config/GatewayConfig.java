package parley.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The network edge: where to listen, TLS, which browser origins may open a WebSocket, and the
 * bounds of each connection.
 *
 * @param allowedOrigins origins besides the server's own that may open a WebSocket ("*" for any)
 * @param maxFrameBytes  the largest WebSocket message accepted
 * @param maxBodyBytes   the largest HTTP request body accepted by the JSON API
 * @param outboundQueueBytes bytes of frames waiting to be written to one connection before it
 *                       counts as a slow consumer and is closed
 * @param heartbeatSeconds how often clients ping; a connection silent for three intervals is dead
 * @param longPollSeconds the longest a long poll is held open waiting for frames (capped below the
 *                       HTTP idle limit of three heartbeats)
 * @param longPollIdleSeconds how long a long-poll session lives without a poll before it expires
 * @param trustedProxies IP addresses of the load balancers in front of this node: their
 *                       {@code X-Forwarded-For} names the client, for limits per address
 * @param longPollSessionsPerDevice the most long-poll sessions one device may have open at once
 * @param maxLongPollSessions the most long-poll sessions open on this node
 * @param maxConnections connections the node holds at once; past it a new one is refused
 *                       ({@code 429 rate_limited}) and closed
 * @param maxConnectionsPerAddress connections one client address (the TCP peer; a trusted proxy is
 *                       exempt) holds at once; past it a new one is refused the same way
 * @param maxUserOutboundBytes bytes of frames queued for all the sessions of one user before the
 *                       session whose frame does not fit is closed as a slow consumer
 * @param maxNodeOutboundBytes bytes of frames queued for all the sessions of the node, likewise
 * @param minRequestBytesPerSecond the slowest a request body may arrive, on average, once it had
 *                       10 s; a slower one (or a request head not complete within 20 s) is cut
 */
public record GatewayConfig(String host, int port, Optional<Tls> tls, List<String> allowedOrigins,
                            int maxFrameBytes, int maxBodyBytes, int outboundQueueBytes, int heartbeatSeconds,
                            int longPollSeconds, int longPollIdleSeconds, List<String> trustedProxies,
                            int longPollSessionsPerDevice, int maxLongPollSessions,
                            int maxConnections, int maxConnectionsPerAddress, int maxUserOutboundBytes,
                            int maxNodeOutboundBytes, int minRequestBytesPerSecond) {
    /** File descriptors kept free of connections: the store, logs, blobs and refused connections. */
    public static final int FILE_DESCRIPTOR_HEADROOM = 2048;

    /** A PEM certificate chain and its PEM private key (PKCS#8). */
    public record Tls(Path certificate, Path privateKey) {
    }

    public GatewayConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** How long a poll is held when nothing is queued (the connection's idle timer spares held polls). */
    public int longPollHoldSeconds() {
        return longPollSeconds;
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, tls, allowedOrigins, maxFrameBytes, maxBodyBytes, outboundQueueBytes,
                heartbeatSeconds, longPollSeconds, longPollIdleSeconds, trustedProxies,
                longPollSessionsPerDevice, maxLongPollSessions, maxConnections,
                maxConnectionsPerAddress, maxUserOutboundBytes, maxNodeOutboundBytes, minRequestBytesPerSecond);
    }

    /**
     * The node's connection limit when none is configured: the process's file-descriptor limit
     * less {@link #FILE_DESCRIPTOR_HEADROOM} (half of it when the limit is small).
     */
    public static int defaultMaxConnections(long fileDescriptorLimit) {
        long connections = fileDescriptorLimit > 2L * FILE_DESCRIPTOR_HEADROOM
                ? fileDescriptorLimit - FILE_DESCRIPTOR_HEADROOM : fileDescriptorLimit / 2;
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE, connections));
    }

    /** The node's outbound budget when none is configured: a quarter of the heap. */
    public static int defaultMaxNodeOutboundBytes(long maxHeapBytes) {
        return (int) Math.max(1024 * 1024, Math.min(Integer.MAX_VALUE, maxHeapBytes / 4));
    }
}
