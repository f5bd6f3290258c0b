package parley.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 iterations, 1 lane), with a random
 * 16-byte salt, encoded as a PHC string that carries its own parameters, so stronger parameters
 * can come later without breaking stored hashes. Hashing costs tens of milliseconds on purpose:
 * never call it on an event-loop thread.
 */
public final class PasswordHasher {
    /**
     * The stored "hash" of an account that has no password (made by bulk provisioning): not a PHC
     * string, so no password verifies against it.
     */
    public static final String NO_PASSWORD = "!no-password";

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function argon2 =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
    /** Verified against when a login names no user, so that it costs as much as a real one. */
    private final String decoy = hash("decoy password that matches nothing");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult();
    }

    public boolean verify(String password, String encodedHash) {
        if (!encodedHash.startsWith("$argon2")) {
            return verifyNothing(password); // an account without a password: fails, in the time of a real check
        }
        return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
    }

    /** Spends the time of one verification and fails: for a login that names no user. */
    public boolean verifyNothing(String password) {
        verify(password, decoy);
        return false;
    }
}
