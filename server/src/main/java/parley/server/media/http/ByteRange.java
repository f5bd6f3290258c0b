package parley.server.media.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=...} header, resolved against a file's size:
 * {@code a-b}, {@code a-} (to the end) or {@code -n} (the last n bytes); an end past the file is
 * cut to it. Several ranges at once are not served (the whole file is, as HTTP allows); a header
 * that is malformed or whose range lies wholly outside the file is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    public long length() {
        return last - first + 1;
    }

    /** What a Range header asks of a file of {@code size} bytes. */
    public sealed interface Request {
    }

    /** Serve the whole file (no header, or several ranges). */
    public record Whole() implements Request {
    }

    /** Serve this part (206). */
    public record Part(ByteRange range) implements Request {
    }

    /** 416. */
    public record Unsatisfiable() implements Request {
    }

    public static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().strip();
        if (value.startsWith("bytes=") && value.contains(",")) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(value);
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Unsatisfiable();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || first > last) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Unsatisfiable();
        }
    }
}
