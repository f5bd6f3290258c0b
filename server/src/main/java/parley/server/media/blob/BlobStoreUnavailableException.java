package parley.server.media.blob;

/** The configured blob store cannot be opened or reached at start-up; the message says which and why. */
public final class BlobStoreUnavailableException extends RuntimeException {
    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
