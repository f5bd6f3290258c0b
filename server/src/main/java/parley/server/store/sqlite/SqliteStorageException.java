package parley.server.store.sqlite;

import parley.server.store.StorageException;

/** The SQLite database failed (I/O error, full disk, broken constraint): the operation did not happen. */
public final class SqliteStorageException extends StorageException {

    SqliteStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
