package parley.server.media.inspect;

import java.io.IOException;

/** A picture that no decoder reads, or whose bytes are malformed: it is kept as a file, without a thumbnail. */
public final class UnreadableImageException extends IOException {
    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
