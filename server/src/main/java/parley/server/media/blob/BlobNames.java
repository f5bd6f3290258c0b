package parley.server.media.blob;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names a blob store accepts, checked before any of them becomes part of a file path or an
 * object key: an upload id is what the server generates (letters, digits, {@code -} and {@code _},
 * at most 128 of them), a blob key is a lowercase hex SHA-256. Anything else (a {@code ../}, a slash,
 * a NUL, an empty name) is refused with an {@link IllegalArgumentException}, so a bad name can never
 * reach outside the store's folder or prefix.
 */
final class BlobNames {
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private BlobNames() {
    }

    static String uploadId(String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("invalid upload id: only letters, digits, '-' and '_' (1 to 128)");
        }
        return uploadId;
    }

    static String key(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid blob key: a lowercase hex SHA-256 is expected");
        }
        return key;
    }

    static void offset(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length < 0) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
    }

    /**
     * Checks that parts start at 0 and follow each other without a gap or an overlap, and returns
     * their total length.
     *
     * @throws IllegalStateException when there are no parts, or they do not start at 0, or have a gap
     */
    static long contiguousLength(String uploadId, List<BlobStore.Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalStateException("upload " + uploadId + " has no parts");
        }
        long next = 0;
        for (BlobStore.Part part : parts) {
            if (part.offset() != next) {
                throw new IllegalStateException("upload " + uploadId + " has a gap or an overlap at offset " + next
                        + " (next part starts at " + part.offset() + ")");
            }
            next += part.length();
        }
        return next;
    }
}
