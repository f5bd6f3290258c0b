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
 */
public record GatewayConfig(String host, int port, Optional<Tls> tls, List<String> allowedOrigins,
                            int maxFrameBytes, int maxBodyBytes, int outboundQueueBytes, int heartbeatSeconds,
                            int longPollSeconds, int longPollIdleSeconds, List<String> trustedProxies,
                            int longPollSessionsPerDevice, int maxLongPollSessions) {

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
                longPollSessionsPerDevice, maxLongPollSessions);
    }
}
