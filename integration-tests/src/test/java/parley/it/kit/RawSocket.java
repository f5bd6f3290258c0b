package parley.it.kit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolVersion;
import parley.protocol.frame.ServerFrame;

/**
 * A bare WebSocket client for tests that must send what no SDK would: broken JSON, huge frames,
 * forged fields. Collects every server frame, decoded, and the close status and reason.
 */
public final class RawSocket implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonCodec CODEC = new JsonCodec();

    private final WebSocket socket;
    private final BlockingQueue<ServerFrame> frames;
    private final CompletableFuture<Closed> closed;
    private final Listener listener;

    /** How the server closed the connection. */
    public record Closed(int status, String reason) {
    }

    private RawSocket(WebSocket socket, CompletableFuture<Closed> closed, Listener listener) {
        this.socket = socket;
        this.closed = closed;
        this.listener = listener;
        this.frames = listener.frames;
    }

    /** Connects with the subprotocol, and a bearer token in the upgrade header when given. */
    public static RawSocket connect(URI ws, String token) {
        return connect(ws, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), true);
    }

    public static RawSocket connect(URI ws, Map<String, String> headers, boolean subprotocol) {
        try {
            return open(ws, headers, subprotocol).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("upgrade refused: " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status of a refused upgrade. */
    public static int refusedStatus(URI ws, Map<String, String> headers, boolean subprotocol) {
        try {
            open(ws, headers, subprotocol).get(WAIT.toSeconds(), TimeUnit.SECONDS).close();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<RawSocket> open(URI ws, Map<String, String> headers, boolean subprotocol) {
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        Listener listener = new Listener(closed);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (subprotocol) {
            builder.subprotocols(ProtocolVersion.V1);
        }
        return builder.buildAsync(ws, listener).thenApply(s -> new RawSocket(s, closed, listener));
    }

    private static String describe(Throwable t) {
        return t instanceof WebSocketHandshakeException h ? "HTTP " + h.getResponse().statusCode() : String.valueOf(t);
    }

    public RawSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /**
     * Sends unless the server holds it back for longer than {@code wait} (it stopped reading: TCP
     * pushes back); false then, and the socket takes no more sends.
     */
    public boolean trySend(String text, Duration wait) {
        try {
            socket.sendText(text, true).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The next frame the server sent, within a generous timeout. */
    public ServerFrame next() {
        try {
            ServerFrame frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the server within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame if one comes within {@code wait}: for draining what a flood brought back. */
    public java.util.Optional<ServerFrame> poll(Duration wait) {
        try {
            return java.util.Optional.ofNullable(frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The next frame of this type, skipping others. */
    public <T extends ServerFrame> T next(Class<T> type) {
        return next(type, f -> true);
    }

    public <T extends ServerFrame> T next(Class<T> type, Predicate<T> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerFrame frame = next();
            if (type.isInstance(frame) && matching.test(type.cast(frame))) {
                return type.cast(frame);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
    }

    /** Waits for the server to close the connection. */
    public Closed awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the connection within " + WAIT, e);
        }
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Stops reading: the server's frames pile up in the socket buffers and then in the server. */
    public void stopReading() {
        listener.paused = true;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Closed> closed;
        private final StringBuilder partial = new StringBuilder();
        private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
        private volatile boolean paused;

        Listener(CompletableFuture<Closed> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                ServerFrame frame = CODEC.decodeServer(partial.toString());
                partial.setLength(0);
                frames.add(frame);
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
