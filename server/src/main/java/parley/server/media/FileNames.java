package parley.server.media;

import java.nio.charset.StandardCharsets;

/**
 * Turns the file name a client gives into safe display metadata: no folders ({@code ../} and the
 * like, either slash), no NUL or other control characters, no leading dots, at most
 * {@link #MAX_BYTES} bytes of UTF-8. The name is never used for storage (blobs live under their
 * content address), only shown and offered as the download's name.
 */
public final class FileNames {
    public static final int MAX_BYTES = 200;
    public static final String FALLBACK = "file";

    private FileNames() {
    }

    public static String sanitize(String name) {
        if (name == null) {
            return FALLBACK;
        }
        String base = name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (slash >= 0) {
            base = base.substring(slash + 1);
        }
        StringBuilder clean = new StringBuilder(base.length());
        base.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.UNASSIGNED && Character.getType(c) != Character.SURROGATE)
                .forEach(clean::appendCodePoint);
        String trimmed = clean.toString().strip();
        while (trimmed.startsWith(".")) {
            trimmed = trimmed.substring(1);
        }
        trimmed = truncate(trimmed.strip());
        return trimmed.isEmpty() ? FALLBACK : trimmed;
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        StringBuilder kept = new StringBuilder();
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < name.length() - extension.length(); ) {
            int c = name.codePointAt(i);
            int bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (budget - bytes < 0) {
                break;
            }
            budget -= bytes;
            kept.appendCodePoint(c);
            i += Character.charCount(c);
        }
        return kept + extension;
    }
}
