package parley.server.auth;

import java.util.regex.Pattern;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * The rules for new usernames and passwords. A username is 3 to 32 characters: letters a-z,
 * digits, '_' and '.', starting with a letter; it is unique without regard to case. A password is
 * 8 to 256 characters and not only spaces.
 */
public final class Credentials {
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 256;
    public static final int MAX_USERNAME = 32;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{2,31}");

    private Credentials() {
    }

    public static void checkUsername(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw new ProtocolException(ErrorCode.INVALID_USERNAME,
                    "a username is 3 to 32 letters, digits, '_' or '.', starting with a letter");
        }
    }

    public static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD || password.isBlank()) {
            throw new ProtocolException(ErrorCode.WEAK_PASSWORD,
                    "a password is " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters, not only spaces");
        }
    }
}
