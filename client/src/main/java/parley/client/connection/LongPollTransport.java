package parley.client.connection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.ErrorResponse;
import parley.protocol.api.PollBatch;
import parley.protocol.api.PollSession;
import parley.protocol.frame.ServerFrame;

/**
 * The fallback for networks that block WebSockets: the same frames over the server's long-polling
 * API ({@code /api/poll/sessions}). A "socket" is a long-poll session: one poll at a time runs in
 * a loop and hands each frame to the listener as text, in order; sends are POSTed one after the
 * other, in call order. When the server ends the session (its poll answers 404), the listener hears
 * {@code onClosed} with the code of the session's last error frame (e.g. {@code slow_consumer}), as
 * a WebSocket close reason would carry it.
 *
 * <p>Thread-safe: the listener is called under the socket's lock, so its events never overlap, and
 * nothing is reported after the first {@code onClosed} or {@code onError}.
 */
public final class LongPollTransport implements Transport {
    private static final String PATH = "/api/poll/sessions";
    private final HttpClient http;
    private final Duration requestTimeout;
    private final JsonCodec codec = new JsonCodec();

    /** @param requestTimeout the longest one call may take: above the server's long-poll time */
    public LongPollTransport(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    /** Opens a long-poll session on the server of {@code uri} (its {@code ws://} URI works too). */
    @Override
    public CompletableFuture<Socket> open(URI uri, String token, Listener listener) {
        String scheme = uri.getScheme().equals("wss") || uri.getScheme().equals("https") ? "https" : "http";
        URI sessions = URI.create(scheme + "://" + uri.getRawAuthority() + PATH);
        return http.sendAsync(request(sessions, token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 201) {
                        throw new UpgradeRefusedException(response.statusCode());
                    }
                    PollSession session = codec.read(response.body(), PollSession.class);
                    PollSocket socket = new PollSocket(URI.create(sessions + "/" + session.sessionId()), token, listener);
                    listener.onOpen(socket);
                    socket.poll(session.cursor());
                    return socket;
                });
    }

    private HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Authorization", "Bearer " + token);
    }

    private final class PollSocket implements Socket {
        private final URI session;
        private final String token;
        private final Listener listener;
        private CompletableFuture<Void> sends = CompletableFuture.completedFuture(null);
        private boolean finished;
        private ErrorCode lastError = ErrorCode.NOT_FOUND;

        PollSocket(URI session, String token, Listener listener) {
            this.session = session;
            this.token = token;
            this.listener = listener;
        }

        void poll(long cursor) {
            http.sendAsync(request(URI.create(session + "?cursor=" + cursor), token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        if (error != null) {
                            fail(error);
                        } else if (response.statusCode() == 200) {
                            PollBatch batch = codec.read(response.body(), PollBatch.class);
                            if (deliver(batch)) {
                                poll(batch.cursor());
                            }
                        } else {
                            ended(response);
                        }
                    });
        }

        private synchronized boolean deliver(PollBatch batch) {
            for (ServerFrame frame : batch.frames()) {
                if (finished) {
                    return false;
                }
                if (frame instanceof ServerFrame.Error error && error.ref() == null) {
                    lastError = error.code();
                }
                listener.onText(codec.encode(frame));
            }
            return !finished;
        }

        private synchronized void ended(HttpResponse<String> response) {
            if (finished) {
                return;
            }
            finished = true;
            ErrorCode code = response.statusCode() == 404 ? lastError : errorOf(response);
            listener.onClosed(response.statusCode(), code.wire());
        }

        private ErrorCode errorOf(HttpResponse<String> response) {
            try {
                return codec.read(response.body(), ErrorResponse.class).code();
            } catch (RuntimeException e) {
                return ErrorCode.UNAVAILABLE;
            }
        }

        private synchronized void fail(Throwable error) {
            if (finished) {
                return;
            }
            finished = true;
            listener.onError(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        }

        @Override
        public synchronized void send(String text) {
            if (finished) {
                return;
            }
            sends = sends.thenCompose(ignored -> http.sendAsync(request(URI.create(session + "/frames"), token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                    HttpResponse.BodyHandlers.ofString())).thenAccept(response -> {
                        if (response.statusCode() != 204) {
                            throw new ProtocolException(errorOf(response), "POST refused with " + response.statusCode());
                        }
                    }).exceptionally(error -> {
                        fail(error);
                        return null;
                    });
        }

        @Override
        public void close() {
            synchronized (this) {
                finished = true;
            }
            http.sendAsync(request(session, token).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }

        @Override
        public void abort() {
            close();
        }

        @Override
        public TransportKind kind() {
            return TransportKind.LONG_POLL;
        }
    }
}
