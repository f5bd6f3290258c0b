package parley.client.connection;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A WebSocket when one can be opened, long polling when not: what a network that blocks WebSockets
 * needs (a proxy that refuses the upgrade, answers it with another status than 101, or cuts the
 * connection). Each open first tries the WebSocket; when that fails for any reason but a refused
 * token (HTTP 401), it opens a long-poll session instead. Once long polling worked, the choice is
 * remembered: later opens (reconnects) go straight to long polling, and try the WebSocket again
 * only after {@code retryWebSocketAfter}, in case the network changed.
 *
 * <p>A 401 is never a reason to fall back: the token is wrong on either transport. When both
 * transports fail, the open fails with the long poll's 401 if the token was refused there, else
 * with the WebSocket's error, and the connection retries with backoff as for any failed open.
 *
 * <p>Thread-safe: the only state, when long polling last succeeded, is a volatile field written
 * when an open completes. One instance belongs to one connection (its choice is that connection's).
 */
public final class FallbackTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(FallbackTransport.class.getName());
    private static final long NEVER = Long.MIN_VALUE;

    private final Transport webSocket;
    private final Transport longPoll;
    private final Clock clock;
    private final Duration retryWebSocketAfter;
    /** When an open last fell back to long polling; {@link #NEVER} while the WebSocket works. */
    private volatile long fellBackAt = NEVER;

    public FallbackTransport(Transport webSocket, Transport longPoll, Clock clock, Duration retryWebSocketAfter) {
        this.webSocket = webSocket;
        this.longPoll = longPoll;
        this.clock = clock;
        this.retryWebSocketAfter = retryWebSocketAfter;
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String token, Listener listener) {
        long since = fellBackAt;
        if (since != NEVER && clock.millis() - since < retryWebSocketAfter.toMillis()) {
            return longPoll.open(uri, token, listener).thenApply(this::fellBack);
        }
        return webSocket.open(uri, token, listener)
                .thenApply(socket -> {
                    fellBackAt = NEVER;
                    return CompletableFuture.completedFuture(socket);
                })
                .exceptionally(error -> {
                    Throwable cause = unwrap(error);
                    if (cause instanceof UpgradeRefusedException refused && refused.status() == 401) {
                        throw new CompletionException(cause);
                    }
                    LOG.log(Level.DEBUG, "no WebSocket ({0}); trying long polling", cause.toString());
                    return longPoll.open(uri, token, listener)
                            .thenApply(this::fellBack)
                            .exceptionally(pollError -> {
                                Throwable pollCause = unwrap(pollError);
                                throw new CompletionException(pollCause instanceof UpgradeRefusedException r
                                        && r.status() == 401 ? pollCause : cause);
                            });
                })
                .thenCompose(socket -> socket);
    }

    /** True while opens go straight to long polling (the WebSocket failed and long polling worked). */
    public boolean fellBack() {
        return fellBackAt != NEVER;
    }

    private Socket fellBack(Socket socket) {
        fellBackAt = clock.millis();
        return socket;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
