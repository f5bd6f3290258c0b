package parley.client.connection;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import parley.client.ConnectionLostException;
import parley.client.ParleyException;
import parley.client.inbox.Inbox;
import parley.client.presence.TypingIndicators;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * The life of a connection's socket: open it, wait for {@code ready}, heartbeat, and after a
 * drop reconnect with backoff, unless the reason is terminal ({@code unauthorized},
 * {@code session_revoked}, or {@link #close()}). What flows over a ready socket is the job of
 * {@link SessionTraffic}.
 *
 * <p>Concurrency: every field is confined to the single I/O thread {@code io}; every method runs
 * on it (the facade and the transport's events post tasks to it). Events of a socket carry its
 * {@code epoch} and are ignored once that socket is replaced, so a late event of an old socket
 * cannot touch the new one. Application code never runs here: it runs on the {@link
 * CallbackThread}.
 */
final class ConnectionLoop implements SessionTraffic.Lifecycle {
    private static final System.Logger LOG = System.getLogger(ConnectionLoop.class.getName());
    private static final int SILENT_HEARTBEATS = 3;

    private final URI uri;
    private final Transport transport;
    private final JsonCodec codec;
    private final ScheduledExecutorService io;
    private final CallbackThread callbacks;
    private final SessionTraffic traffic;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration connectTimeout;
    private final CompletableFuture<ServerFrame.Ready> firstOnline = new CompletableFuture<>();
    private final StateView view;

    private String token;
    private ConnectionState state;
    private long epoch;
    private Transport.Socket socket;
    private ServerFrame.Ready ready;
    private long lastHeardMillis;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> readyTimeout;
    private ScheduledFuture<?> reconnectTimer;
    private ErrorCode announcedError;
    private boolean closed;
    private long pings;

    /** What the facade may read from other threads. */
    interface StateView {
        void state(ConnectionState state);

        void ready(ServerFrame.Ready ready);

        void closeReason(ErrorCode code);

        /** What carries the open socket; null while none is open. */
        void transport(TransportKind kind);
    }

    ConnectionLoop(ConnectionSetup setup, ScheduledExecutorService io, CallbackThread callbacks,
                   SendTracker sends, Inbox inbox, TypingIndicators typing, StateView view) {
        this.uri = setup.uri();
        this.transport = setup.transport();
        this.codec = setup.codec();
        this.backoff = setup.backoff();
        this.clock = setup.clock();
        this.connectTimeout = setup.connectTimeout();
        this.io = io;
        this.callbacks = callbacks;
        this.view = view;
        this.traffic = new SessionTraffic(setup, io, callbacks, sends, inbox, typing, this);
    }

    /** The traffic over the socket: sends, requests and receipts go through it. */
    SessionTraffic traffic() {
        return traffic;
    }

    CompletableFuture<ServerFrame.Ready> firstOnline() {
        return firstOnline;
    }

    void start(String bearerToken) {
        this.token = bearerToken;
        openSocket();
    }

    /** Drops the current socket (if any) and opens a new one at once, without backoff. */
    void reconnectNow() {
        if (closed || token == null) {
            return;
        }
        if (socket != null) {
            teardown(false);
            traffic.detach();
        }
        cancel(reconnectTimer);
        openSocket();
    }

    /** Closes for good at the application's request. */
    void close() {
        terminate(null, new ConnectionLostException("connection closed"));
    }

    // ---- SessionTraffic.Lifecycle ----

    @Override
    public void resynced() {
        backoff.reset();
        setState(ConnectionState.ONLINE);
        if (!firstOnline.isDone()) {
            callbacks.complete(firstOnline, ready);
        }
    }

    @Override
    public void resyncFailed() {
        dropped(null, "resync failed");
    }

    @Override
    public void closing(ErrorCode code) {
        announcedError = code;
    }

    // ---- the socket's life ----

    private void openSocket() {
        if (closed) {
            return;
        }
        setState(ConnectionState.CONNECTING);
        long mine = ++epoch;
        transport.open(uri, token, new Transport.Listener() {
            @Override
            public void onOpen(Transport.Socket opened) {
                post(() -> {
                    if (mine == epoch) {
                        opened(opened, mine);
                    } else {
                        opened.abort();
                    }
                });
            }

            @Override
            public void onText(String text) {
                post(() -> {
                    if (mine == epoch) {
                        received(text);
                    }
                });
            }

            @Override
            public void onClosed(int status, String reason) {
                post(() -> {
                    if (mine == epoch) {
                        dropped(codeOf(reason), "closed by server (" + status + " " + reason + ")");
                    }
                });
            }

            @Override
            public void onError(Throwable error) {
                post(() -> {
                    if (mine == epoch) {
                        dropped(null, "socket failed: " + error);
                    }
                });
            }
        }).whenComplete((opened, error) -> {
            if (error != null) {
                post(() -> {
                    if (mine == epoch) {
                        openFailed(error);
                    }
                });
            }
        });
    }

    private void opened(Transport.Socket opened, long mine) {
        socket = opened;
        view.transport(opened.kind());
        announcedError = null;
        lastHeardMillis = clock.millis();
        readyTimeout = io.schedule(() -> {
            if (mine == epoch && ready == null) {
                dropped(null, "no ready within " + connectTimeout);
            }
        }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void openFailed(Throwable error) {
        Throwable cause = error.getCause() != null && !(error instanceof UpgradeRefusedException) ? error.getCause() : error;
        if (cause instanceof UpgradeRefusedException refused && refused.status() == 401) {
            ServerFrame.Error unauthorized = new ServerFrame.Error(null, ErrorCode.UNAUTHORIZED, "WebSocket upgrade refused: HTTP 401");
            callbacks.call(l -> l.onError(unauthorized));
            terminate(ErrorCode.UNAUTHORIZED, new ParleyException(ErrorCode.UNAUTHORIZED, 401, "bad or revoked token"));
            return;
        }
        LOG.log(Level.DEBUG, "connect failed: {0}", cause.toString());
        scheduleReconnect();
    }

    private void received(String text) {
        lastHeardMillis = clock.millis();
        ServerFrame frame;
        try {
            frame = codec.decodeServer(text);
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable frame from the server: {0}", e.getMessage());
            return;
        }
        if (frame instanceof ServerFrame.Ready r && ready == null) {
            onReady(r);
        } else {
            traffic.route(frame);
        }
    }

    private void onReady(ServerFrame.Ready r) {
        ready = r;
        view.ready(r);
        cancel(readyTimeout);
        if (r.heartbeatSeconds() > 0) {
            long period = r.heartbeatSeconds() * 1000L;
            heartbeat = io.scheduleAtFixedRate(() -> heartbeatTick(period), period, period, TimeUnit.MILLISECONDS);
        }
        traffic.attach(socket, r);
    }

    private void heartbeatTick(long periodMillis) {
        if (ready == null) {
            return;
        }
        if (clock.millis() - lastHeardMillis >= SILENT_HEARTBEATS * periodMillis) {
            dropped(null, "server silent for " + SILENT_HEARTBEATS + " heartbeats");
            return;
        }
        traffic.transmit(new ClientFrame.Ping("ping-" + (++pings)));
    }

    private void dropped(ErrorCode code, String why) {
        ErrorCode reason = code != null ? code : announcedError;
        LOG.log(Level.DEBUG, "connection dropped: {0}", why);
        teardown(false);
        if (reason == ErrorCode.UNAUTHORIZED || reason == ErrorCode.SESSION_REVOKED) {
            terminate(reason, new ParleyException(reason, 0, why));
            return;
        }
        traffic.detach();
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        setState(ConnectionState.OFFLINE);
        Duration delay = backoff.next();
        reconnectTimer = io.schedule(this::openSocket, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the socket's timers and lets go of it; its later events are ignored. */
    private void teardown(boolean polite) {
        epoch++;
        cancel(heartbeat);
        cancel(readyTimeout);
        if (socket != null) {
            if (polite) {
                socket.close();
            } else {
                socket.abort();
            }
        }
        socket = null;
        view.transport(null);
        ready = null;
        view.ready(null);
    }

    /** Closed for good: by the application (code null) or for a terminal reason. */
    private void terminate(ErrorCode code, RuntimeException failure) {
        if (closed) {
            return;
        }
        teardown(code == null);
        closed = true;
        cancel(reconnectTimer);
        if (code != null) {
            view.closeReason(code);
        }
        traffic.close(failure);
        setState(ConnectionState.CLOSED);
        callbacks.fail(firstOnline, failure);
        callbacks.shutdown();
        io.shutdown();
    }

    private void setState(ConnectionState next) {
        if (next == state) {
            return;
        }
        state = next;
        view.state(next);
        callbacks.call(l -> l.onStateChange(next));
    }

    /** Runs a task on the I/O thread; after the connection closed, drops it. */
    private void post(Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException closedAlready) {
            // the connection is closed: events of its last socket no longer matter
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static ErrorCode codeOf(String reason) {
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        try {
            return ErrorCode.fromWire(reason);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
