package parley.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * The immutable settings of a {@link ParleyClient}, built with {@link #builder(URI)} and
 * validated when built. Every bound the SDK keeps is here.
 *
 * @param baseUri            the server, {@code http://host:port} or {@code https://...}; the
 *                           WebSocket URI is derived from it ({@code ws(s)://host:port/ws})
 * @param sslContext         trust material for https/wss (e.g. a self-signed test
 *                           certificate); null for the JDK's default
 * @param connectTimeout     TCP + TLS + WebSocket upgrade, and then the wait for {@code ready}
 * @param requestTimeout     an HTTP call, or a WebSocket request (openChat, history, ...) from the
 *                           moment it is made until its answer
 * @param backoffBase        the first reconnect delay's ceiling
 * @param backoffCap         the largest reconnect delay ceiling
 * @param maxOutbox          unacknowledged sends held at most; past it send() throws
 * @param maxBufferedMessages out-of-order messages held at most (all chats together) while a
 *                           gap is filled; past it they are dropped and fetched again later
 * @param maxPendingRequests WebSocket requests (openChat, history, ...) in flight at most
 * @param maxQueuedFrames    frames waiting to be written to the socket at most; past it the
 *                           socket is dropped and the connection reconnects
 * @param syncPageLimit      messages per sync page asked for; null for the server's default
 * @param gapPageLimit       messages per history page when filling a gap
 * @param autoDeliver        send {@code delivered} receipts for what the SDK hands to the app
 * @param retryWebSocketAfter how long a connection that fell back to long polling (WebSockets
 *                           blocked) keeps to it before a reconnect tries the WebSocket again
 * @param clock              the time source (heartbeat silence detection)
 * @param random             the jitter source of the reconnect backoff
 */
public record ClientOptions(URI baseUri, SSLContext sslContext, Duration connectTimeout,
                            Duration requestTimeout, Duration backoffBase, Duration backoffCap,
                            int maxOutbox, int maxBufferedMessages, int maxPendingRequests,
                            int maxQueuedFrames, Integer syncPageLimit, int gapPageLimit,
                            boolean autoDeliver, Duration retryWebSocketAfter, Clock clock,
                            RandomGenerator random) {

    public ClientOptions {
        Objects.requireNonNull(baseUri, "baseUri");
        String scheme = baseUri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("baseUri must start with http:// or https://, got " + baseUri);
        }
        if (baseUri.getHost() == null) {
            throw new IllegalArgumentException("baseUri has no host: " + baseUri);
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(backoffBase, "backoffBase");
        positive(backoffCap, "backoffCap");
        positive(retryWebSocketAfter, "retryWebSocketAfter");
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap (" + backoffCap + ") must be at least backoffBase (" + backoffBase + ")");
        }
        atLeastOne(maxOutbox, "maxOutbox");
        atLeastOne(maxBufferedMessages, "maxBufferedMessages");
        atLeastOne(maxPendingRequests, "maxPendingRequests");
        atLeastOne(maxQueuedFrames, "maxQueuedFrames");
        atLeastOne(gapPageLimit, "gapPageLimit");
        if (syncPageLimit != null) {
            atLeastOne(syncPageLimit, "syncPageLimit");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /** Starts options for the server at {@code baseUri} with the defaults. */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** Starts options for the server at {@code baseUri}, e.g. {@code "http://127.0.0.1:8080"}. */
    public static Builder builder(String baseUri) {
        return new Builder(URI.create(baseUri));
    }

    public Optional<SSLContext> ssl() {
        return Optional.ofNullable(sslContext);
    }

    /** The WebSocket endpoint: the base URI with ws/wss and the path {@code /ws}. */
    public URI webSocketUri() {
        String scheme = "https".equals(baseUri.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + baseUri.getRawAuthority() + basePath() + "/ws");
    }

    /** The base URI's path without a trailing slash ("" for none). */
    public String basePath() {
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** Builds {@link ClientOptions}; every setter has a sensible default. */
    public static final class Builder {
        private final URI baseUri;
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration backoffBase = Duration.ofMillis(250);
        private Duration backoffCap = Duration.ofSeconds(30);
        private int maxOutbox = 1_000;
        private int maxBufferedMessages = 1_000;
        private int maxPendingRequests = 256;
        private int maxQueuedFrames = 4_096;
        private Integer syncPageLimit;
        private int gapPageLimit = 200;
        private boolean autoDeliver = true;
        private Duration retryWebSocketAfter = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new Random();

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        public Builder sslContext(SSLContext value) { this.sslContext = value; return this; }
        public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
        public Builder requestTimeout(Duration value) { this.requestTimeout = value; return this; }
        /** Reconnect delay n (from 0) is uniformly random in [0, min(cap, base * 2^n)]. */
        public Builder backoff(Duration base, Duration cap) { this.backoffBase = base; this.backoffCap = cap; return this; }
        public Builder maxOutbox(int value) { this.maxOutbox = value; return this; }
        public Builder maxBufferedMessages(int value) { this.maxBufferedMessages = value; return this; }
        public Builder maxPendingRequests(int value) { this.maxPendingRequests = value; return this; }
        public Builder maxQueuedFrames(int value) { this.maxQueuedFrames = value; return this; }
        public Builder syncPageLimit(Integer value) { this.syncPageLimit = value; return this; }
        public Builder gapPageLimit(int value) { this.gapPageLimit = value; return this; }
        public Builder autoDeliver(boolean value) { this.autoDeliver = value; return this; }
        public Builder retryWebSocketAfter(Duration value) { this.retryWebSocketAfter = value; return this; }
        public Builder clock(Clock value) { this.clock = value; return this; }
        public Builder random(RandomGenerator value) { this.random = value; return this; }

        public ClientOptions build() {
            return new ClientOptions(baseUri, sslContext, connectTimeout, requestTimeout, backoffBase,
                    backoffCap, maxOutbox, maxBufferedMessages, maxPendingRequests, maxQueuedFrames,
                    syncPageLimit, gapPageLimit, autoDeliver, retryWebSocketAfter, clock, random);
        }
    }
}
