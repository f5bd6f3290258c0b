package parley.server.media;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Makes and recognizes the ids of uploads ({@code u...}) and media ({@code m...}): 130 random
 * bits in lower-case base32, unguessable, so knowing an id grants nothing by itself (fetching still
 * checks membership), and safe as a name in any blob store. Thread-safe.
 */
public final class MediaIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 26;
    private static final Pattern UPLOAD = Pattern.compile("u[a-z2-7]{" + LENGTH + "}");
    private static final Pattern MEDIA = Pattern.compile("m[a-z2-7]{" + LENGTH + "}");

    private final SecureRandom random;

    public MediaIds(SecureRandom random) {
        this.random = random;
    }

    public String newUploadId() {
        return "u" + randomChars();
    }

    public String newMediaId() {
        return "m" + randomChars();
    }

    public static boolean isUploadId(String id) {
        return id != null && UPLOAD.matcher(id).matches();
    }

    public static boolean isMediaId(String id) {
        return id != null && MEDIA.matcher(id).matches();
    }

    private String randomChars() {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
