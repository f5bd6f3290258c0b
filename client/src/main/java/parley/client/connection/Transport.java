package parley.client.connection;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A WebSocket to the server as a {@link ParleyConnection} needs it: whole text messages in and
 * out. The seam between the connection's logic and the JDK's WebSocket (tests use a fake).
 */
public interface Transport {

    /**
     * Opens a socket to {@code uri} with the subprotocol {@code parley.v1} and the token in the
     * {@code Authorization: Bearer} header. The future fails with {@link UpgradeRefusedException}
     * when the server answers the upgrade with an HTTP error, or with another exception when it
     * cannot be reached. On success, events go to {@code listener} one at a time, in order:
     * {@code onOpen} first (before any text), and at most one {@code onClosed} or {@code onError}
     * last. A socket aborted through {@link Socket#abort} by its owner need not report anything.
     */
    CompletableFuture<Socket> open(URI uri, String token, Listener listener);

    /** One open socket. Thread-safe. */
    interface Socket {
        /** Queues one text message; never blocks. Past the transport's bound it aborts the socket. */
        void send(String text);

        /** Closes politely (a normal close frame after the queued messages). */
        void close();

        /** Drops the socket at once. */
        void abort();

        /** What carries this socket. */
        TransportKind kind();
    }

    /** What a socket reports. */
    interface Listener {
        /** The upgrade succeeded; the socket to write to. */
        void onOpen(Socket socket);

        void onText(String text);

        /** The server closed the socket with this status and reason (our code in Parley's case). */
        void onClosed(int status, String reason);

        /** The socket failed (network error, abort). */
        void onError(Throwable error);
    }
}
