package parley.server.media.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A fresh SHA-256 digest and the blob key it gives: lowercase hex. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String key(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static String key(byte[] bytes) {
        MessageDigest digest = digest();
        digest.update(bytes);
        return key(digest);
    }
}
