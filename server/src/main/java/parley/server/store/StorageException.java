package parley.server.store;

/**
 * The database failed a call (down, unreachable, out of connections, an I/O error): the call's
 * transaction was rolled back, so nothing of it happened, and retrying later is safe. Clients hear
 * {@code unavailable}.
 */
public abstract class StorageException extends RuntimeException {
    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
