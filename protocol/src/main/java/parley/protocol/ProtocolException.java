package parley.protocol;

import java.util.Optional;

/**
 * A request that broke a rule of the protocol or of the domain. Carries the stable code the
 * client sees, a message for a person, and the client's {@code ref} when the request had one.
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> ref() {
        return Optional.ofNullable(ref);
    }

    public ProtocolException withRef(String newRef) {
        return new ProtocolException(code, getMessage(), newRef);
    }
}
