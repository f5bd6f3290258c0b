package parley.client.connection;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket when one works, long polling when not: what a network that blocks WebSockets needs.
 * Two ways a WebSocket fails there: it cannot be opened (a proxy refuses the upgrade, answers it
 * with another status than 101, or cuts the connection), or it opens but carries nothing (a proxy
 * that lets the upgrade through and then holds the frames): the socket ends, or its owner gives up
 * on it, before the first message from the server.
 *
 * <p>Each open tries the preferred transport first and the other one when that fails for any
 * reason but a refused token (HTTP 401). The WebSocket is preferred until it fails one of the two
 * ways while long polling works; long polling is then preferred for {@code retryWebSocketAfter},
 * so reconnects go straight to it, and after that the WebSocket is tried first again (the network
 * may have changed).
 *
 * <p>A 401 is never a reason to switch: the token is wrong on either transport. When both fail,
 * the open fails with the 401 if either refused the token, else with the preferred one's error, and
 * the connection retries with backoff as for any failed open.
 *
 * <p>Thread-safe: the only state, when long polling became preferred, is a volatile field. One
 * instance belongs to one connection (its choice is that connection's).
 */
public final class FallbackTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(FallbackTransport.class.getName());
    private static final long NEVER = Long.MIN_VALUE;

    private final Transport webSocket;
    private final Transport longPoll;
    private final Clock clock;
    private final Duration retryWebSocketAfter;
    /** When long polling became preferred; {@link #NEVER} while the WebSocket is. */
    private volatile long fellBackAt = NEVER;

    public FallbackTransport(Transport webSocket, Transport longPoll, Clock clock, Duration retryWebSocketAfter) {
        this.webSocket = webSocket;
        this.longPoll = longPoll;
        this.clock = clock;
        this.retryWebSocketAfter = retryWebSocketAfter;
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String token, Listener listener) {
        if (fellBack()) {
            return attempt(longPoll, webSocket, uri, token, listener);
        }
        return attempt(webSocket, longPoll, uri, token, listener);
    }

    /** True while long polling is preferred (the WebSocket failed and long polling worked). */
    public boolean fellBack() {
        long since = fellBackAt;
        return since != NEVER && clock.millis() - since < retryWebSocketAfter.toMillis();
    }

    private CompletableFuture<Socket> attempt(Transport first, Transport second, URI uri, String token,
                                              Listener listener) {
        return openWith(first, uri, token, listener)
                .thenApply(CompletableFuture::completedFuture)
                .exceptionally(error -> {
                    Throwable cause = unwrap(error);
                    if (refusedToken(cause)) {
                        throw new CompletionException(cause);
                    }
                    LOG.log(Level.DEBUG, "{0} failed ({1}); trying the other transport",
                            first == webSocket ? "the WebSocket" : "long polling", cause.toString());
                    return openWith(second, uri, token, listener).exceptionally(secondError -> {
                        Throwable secondCause = unwrap(secondError);
                        throw new CompletionException(refusedToken(secondCause) ? secondCause : cause);
                    });
                })
                .thenCompose(socket -> socket);
    }

    /** Opens with one transport and notes what that says about the WebSocket. */
    private CompletableFuture<Socket> openWith(Transport transport, URI uri, String token, Listener listener) {
        if (transport == longPoll) {
            return longPoll.open(uri, token, listener).thenApply(socket -> {
                if (!fellBack()) {
                    fellBackAt = clock.millis();
                }
                return socket;
            });
        }
        FirstMessageWatch watch = new FirstMessageWatch(listener);
        return webSocket.open(uri, token, watch).thenApply(socket -> {
            fellBackAt = NEVER;
            return watch.wrap(socket);
        });
    }

    /** The WebSocket opened but ended before carrying anything: prefer long polling for a while. */
    private void silentWebSocket() {
        LOG.log(Level.DEBUG, "a WebSocket ended before its first message; preferring long polling");
        fellBackAt = clock.millis();
    }

    private static boolean refusedToken(Throwable cause) {
        return cause instanceof UpgradeRefusedException refused && refused.status() == 401;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Passes a WebSocket's events on, noting whether a message came before the socket ended (or its
     * owner aborted it, as after waiting for {@code ready} in vain). Thread-safe: flags only.
     */
    private final class FirstMessageWatch implements Listener {
        private final Listener listener;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Socket wrapped;
        private volatile boolean heard;

        FirstMessageWatch(Listener listener) {
            this.listener = listener;
        }

        synchronized Socket wrap(Socket socket) {
            if (wrapped == null) {
                wrapped = new Socket() {
                    @Override
                    public void send(String text) {
                        socket.send(text);
                    }

                    @Override
                    public void close() {
                        ended.set(true);
                        socket.close();
                    }

                    @Override
                    public void abort() {
                        ended();
                        socket.abort();
                    }

                    @Override
                    public TransportKind kind() {
                        return socket.kind();
                    }
                };
            }
            return wrapped;
        }

        @Override
        public void onOpen(Socket socket) {
            listener.onOpen(wrap(socket));
        }

        @Override
        public void onText(String text) {
            heard = true;
            listener.onText(text);
        }

        @Override
        public void onClosed(int status, String reason) {
            ended();
            listener.onClosed(status, reason);
        }

        @Override
        public void onError(Throwable error) {
            ended();
            listener.onError(error);
        }

        private void ended() {
            if (ended.compareAndSet(false, true) && !heard) {
                silentWebSocket();
            }
        }
    }
}
