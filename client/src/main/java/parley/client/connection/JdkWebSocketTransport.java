package parley.client.connection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import parley.protocol.ProtocolVersion;

/**
 * {@link Transport} over the JDK's {@link java.net.http.WebSocket}. Incoming text arrives in
 * parts that are joined into whole messages (bounded by {@code maxMessageChars}); outgoing text
 * is queued (bounded by {@code maxQueued}) because the JDK allows one outstanding send at a time.
 */
public final class JdkWebSocketTransport implements Transport {
    private final HttpClient http;
    private final Duration connectTimeout;
    private final int maxQueued;
    private final int maxMessageChars;

    public JdkWebSocketTransport(HttpClient http, Duration connectTimeout, int maxQueued, int maxMessageChars) {
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.maxQueued = maxQueued;
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String token, Listener listener) {
        Receiver receiver = new Receiver(listener, maxMessageChars, maxQueued);
        return http.newWebSocketBuilder()
                .subprotocols(ProtocolVersion.V1)
                .header("Authorization", "Bearer " + token)
                .connectTimeout(connectTimeout)
                .buildAsync(uri, receiver)
                .handle((ws, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (cause instanceof WebSocketHandshakeException handshake) {
                            throw new UpgradeRefusedException(handshake.getResponse().statusCode());
                        }
                        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
                    }
                    return receiver.socket(ws);
                });
    }

    /**
     * Writes queued messages one after the other. Thread-safe: the queue and the "a write is in
     * flight" flag are guarded by the instance lock; the next write starts when the previous one
     * completes. A socket it aborts itself (overflow, failed write) is reported to the listener as
     * an error; one the connection aborts is not (the connection already knows).
     */
    private static final class Sender implements Socket {
        private final WebSocket ws;
        private final int maxQueued;
        private final Receiver receiver;
        private final Deque<String> queue = new ArrayDeque<>();
        private boolean writing;
        private boolean closeRequested;

        Sender(WebSocket ws, int maxQueued, Receiver receiver) {
            this.ws = ws;
            this.maxQueued = maxQueued;
            this.receiver = receiver;
        }

        @Override
        public synchronized void send(String text) {
            if (closeRequested || ws.isOutputClosed()) {
                return;
            }
            if (queue.size() >= maxQueued) {
                queue.clear();
                ws.abort();
                receiver.fail(new IllegalStateException("more than " + maxQueued + " frames wait to be written"));
                return;
            }
            queue.addLast(text);
            pump();
        }

        @Override
        public synchronized void close() {
            closeRequested = true;
            pump();
        }

        @Override
        public void abort() {
            ws.abort();
        }

        @Override
        public TransportKind kind() {
            return TransportKind.WEBSOCKET;
        }

        private void pump() {
            if (writing) {
                return;
            }
            String next = queue.pollFirst();
            if (next == null) {
                if (closeRequested && !ws.isOutputClosed()) {
                    writing = true;
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                            .orTimeout(5, TimeUnit.SECONDS)
                            .whenComplete((w, e) -> ws.abort());
                }
                return;
            }
            writing = true;
            ws.sendText(next, true).whenComplete((w, error) -> written(error));
        }

        private synchronized void written(Throwable error) {
            writing = false;
            if (error != null) {
                queue.clear();
                ws.abort();
                receiver.fail(error);
                return;
            }
            pump();
        }
    }

    /** Joins message parts and reports events; the JDK calls it one event at a time. */
    private static final class Receiver implements WebSocket.Listener {
        private final Listener listener;
        private final int maxMessageChars;
        private final StringBuilder partial = new StringBuilder();
        private final int maxQueued;
        private final AtomicBoolean ended = new AtomicBoolean();
        private Sender sender;

        Receiver(Listener listener, int maxMessageChars, int maxQueued) {
            this.listener = listener;
            this.maxMessageChars = maxMessageChars;
            this.maxQueued = maxQueued;
        }

        synchronized Sender socket(WebSocket ws) {
            if (sender == null) {
                sender = new Sender(ws, maxQueued, this);
            }
            return sender;
        }

        @Override
        public void onOpen(WebSocket ws) {
            listener.onOpen(socket(ws));
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (partial.length() + data.length() > maxMessageChars) {
                partial.setLength(0);
                ws.abort();
                fail(new IllegalStateException("message from server exceeds " + maxMessageChars + " chars"));
                return null;
            }
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                listener.onText(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            end(() -> listener.onClosed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end(() -> listener.onError(error));
        }

        void fail(Throwable error) {
            end(() -> listener.onError(error));
        }

        private void end(Runnable report) {
            if (ended.compareAndSet(false, true)) {
                report.run();
            }
        }
    }
}
