package parley.client.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * The application's WebSocket requests (openChat, listChats, history) awaiting their answer,
 * by {@code ref}, in the order they were made. A request made while no socket is ready waits
 * here unsent and goes out at the next {@code ready}; a sent one fails when its socket drops.
 * Bounded: {@link #isFull()} is checked before adding.
 *
 * <p>Not thread-safe: confined to the connection's I/O thread.
 */
final class PendingRequests {

    /** One request: its frame, how to read its answer, the future the application holds. */
    static final class Request<T> {
        final String ref;
        final ClientFrame frame;
        final Function<ServerFrame, T> reader;
        final CompletableFuture<T> future;
        ScheduledFuture<?> timeout;
        boolean sent;

        Request(String ref, ClientFrame frame, Function<ServerFrame, T> reader, CompletableFuture<T> future) {
            this.ref = ref;
            this.frame = frame;
            this.reader = reader;
            this.future = future;
        }

        /** Reads the answer and completes the future with it on the callback thread. */
        void answer(ServerFrame frame, CallbackThread callbacks) {
            cancelTimeout();
            T value;
            try {
                value = reader.apply(frame);
            } catch (RuntimeException e) {
                callbacks.fail(future, e);
                return;
            }
            callbacks.complete(future, value);
        }

        void fail(Throwable error, CallbackThread callbacks) {
            cancelTimeout();
            callbacks.fail(future, error);
        }

        private void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    private final int max;
    private final Map<String, Request<?>> byRef = new LinkedHashMap<>();

    PendingRequests(int max) {
        this.max = max;
    }

    boolean isFull() {
        return byRef.size() >= max;
    }

    void add(Request<?> request) {
        byRef.put(request.ref, request);
    }

    Optional<Request<?>> remove(String ref) {
        return Optional.ofNullable(ref == null ? null : byRef.remove(ref));
    }

    /** The requests not yet sent, oldest first; they count as sent from now on. */
    List<Request<?>> takeUnsent() {
        List<Request<?>> result = new ArrayList<>();
        for (Request<?> request : byRef.values()) {
            if (!request.sent) {
                request.sent = true;
                result.add(request);
            }
        }
        return result;
    }

    /** Removes and returns the requests already sent (their socket dropped). */
    List<Request<?>> removeSent() {
        List<Request<?>> result = new ArrayList<>();
        byRef.values().removeIf(request -> request.sent && result.add(request));
        return result;
    }

    /** Removes and returns every request. */
    List<Request<?>> removeAll() {
        List<Request<?>> result = new ArrayList<>(byRef.values());
        byRef.clear();
        return result;
    }
}
