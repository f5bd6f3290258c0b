package parley.server.store.postgres;

import parley.server.store.StorageException;

/**
 * PostgreSQL failed or could not be reached (down, wrong password, no connection free in time,
 * broken constraint): the operation was rolled back, and retrying it later is safe. One case is
 * undecidable: when the connection is lost during the commit itself, the write may have been
 * committed; a retry is still safe, since appends are deduplicated by client message id and
 * watermarks only move forward. At open, the message says what is wrong in words a person can act
 * on.
 */
public final class PostgresStorageException extends StorageException {

    PostgresStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
