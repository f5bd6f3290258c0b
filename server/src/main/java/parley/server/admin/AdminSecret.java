package parley.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * The gate of the operator's endpoints. Without a configured secret they do not exist (404, as for
 * any unknown route); with one, a request must carry it as its bearer token. The comparison takes
 * the same time wherever the first wrong character is, so the secret cannot be found by timing.
 * Immutable, so thread-safe.
 */
public final class AdminSecret {
    private final Optional<byte[]> secret;

    public AdminSecret(Optional<String> secret) {
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** Lets the request through, or throws {@code not_found} (endpoints off) or {@code unauthorized}. */
    public void require(Optional<String> bearer) {
        if (secret.isEmpty()) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
        }
        byte[] given = bearer.map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        if (!MessageDigest.isEqual(given, secret.get())) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "missing or wrong admin secret");
        }
    }
}
