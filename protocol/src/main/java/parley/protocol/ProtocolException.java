package parley.protocol;

import java.util.Optional;

/**
 * A request that broke a rule of the protocol or of the domain. Carries the stable code the
 * client sees, a message for a person, and the client's {@code ref} when the request had one.
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String ref;
    private final Long retryAfterMillis;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String ref) {
        this(code, message, ref, null);
    }

    private ProtocolException(ErrorCode code, String message, String ref, Long retryAfterMillis) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** {@code rate_limited}: a limit was reached; the same request may succeed after {@code retryAfterMillis}. */
    public static ProtocolException rateLimited(String message, long retryAfterMillis) {
        return new ProtocolException(ErrorCode.RATE_LIMITED, message, null, Math.max(1, retryAfterMillis));
    }

    /** This failure with a retry hint: how long the client should wait before trying again. */
    public ProtocolException withRetryAfter(long millis) {
        return new ProtocolException(code, getMessage(), ref, Math.max(1, millis));
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> ref() {
        return Optional.ofNullable(ref);
    }

    /** How long to wait before retrying, when the server knows. */
    public Optional<Long> retryAfterMillis() {
        return Optional.ofNullable(retryAfterMillis);
    }

    public ProtocolException withRef(String newRef) {
        return new ProtocolException(code, getMessage(), newRef, retryAfterMillis);
    }
}
