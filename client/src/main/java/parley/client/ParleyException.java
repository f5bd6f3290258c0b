package parley.client;

import java.util.Objects;
import parley.protocol.ErrorCode;

/**
 * The server refused a request: carries the protocol's stable {@link ErrorCode} (branch on it)
 * and the server's human message. {@link #httpStatus()} is the HTTP status for a failure of the
 * JSON API, and 0 for an {@code error} frame received over the WebSocket.
 */
public class ParleyException extends RuntimeException {
    private final ErrorCode code;
    private final int httpStatus;

    public ParleyException(ErrorCode code, int httpStatus, String message) {
        super(code.wire() + (message == null || message.isEmpty() ? "" : ": " + message));
        this.code = Objects.requireNonNull(code, "code");
        this.httpStatus = httpStatus;
    }

    /** The machine-readable reason. */
    public ErrorCode code() {
        return code;
    }

    /** The HTTP status of a failed JSON API call; 0 when the error came over the WebSocket. */
    public int httpStatus() {
        return httpStatus;
    }
}
