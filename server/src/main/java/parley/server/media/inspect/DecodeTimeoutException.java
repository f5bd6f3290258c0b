package parley.server.media.inspect;

import java.io.IOException;

/** A decode that ran past its time budget and was abandoned: the media is kept without a thumbnail. */
public final class DecodeTimeoutException extends IOException {
    public DecodeTimeoutException(String message) {
        super(message);
    }
}
