package parley.server.store.sqlite;

/** The SQLite database failed (I/O error, full disk, broken constraint): the operation did not happen. */
public final class SqliteStorageException extends RuntimeException {

    SqliteStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
