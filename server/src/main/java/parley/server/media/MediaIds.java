package parley.server.media;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Makes and recognizes the ids of uploads ({@code u...}) and media ({@code m...}): 130 random
 * bits in lower-case base32, unguessable, so knowing an id grants nothing by itself (fetching still
 * checks membership), and safe as a name in any blob store. A media's id is derived from the id of
 * the upload it was made from ({@link #mediaIdOf}) by a one-way hash: completing an upload again
 * finds the same media, and a media's id tells nothing of its upload's. Thread-safe.
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

    /** The id of the media made from the upload {@code uploadId}: the same every time, unguessable without it. */
    public static String mediaIdOf(String uploadId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest(("parley media of " + uploadId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int bit = i * 5;
            int pair = ((hash[bit / 8] & 0xff) << 8) | (hash[bit / 8 + 1] & 0xff);
            chars[i] = ALPHABET[(pair >> (11 - bit % 8)) & 0x1f];
        }
        return "m" + new String(chars);
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
