package parley.client;

/**
 * A request was in flight when its connection dropped or was closed, so its answer will never
 * come. For a request (openChat, history, ...) the caller may simply ask again. A send is not
 * failed by a drop (its outbox resends it); only {@code close()} or a terminal close fails it.
 */
public class ConnectionLostException extends RuntimeException {
    public ConnectionLostException(String message) {
        super(message);
    }
}
