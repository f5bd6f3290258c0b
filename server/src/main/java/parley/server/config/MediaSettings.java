package parley.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and checks the {@code media.*} keys into a {@link MediaConfig}. */
final class MediaSettings {
    private static final long MIB = 1024L * 1024;

    enum Store { FOLDER, S3 }

    private MediaSettings() {
    }

    static MediaConfig read(ConfigSource s, StoreConfig store) {
        Path folder = s.optional("media.folder").map(Path::of).map(Path::toAbsolutePath)
                .orElse(store.dataDir().resolve("media"));
        Optional<MediaConfig.S3> s3 = Optional.empty();
        if (s.enumValue("media.store", Store.FOLDER, Store.class) == Store.S3) {
            s3 = Optional.of(new MediaConfig.S3(endpoint(s), s.string("media.s3.region", "us-east-1"),
                    required(s, "media.s3.bucket"), required(s, "media.s3.access-key"),
                    required(s, "media.s3.secret-key"),
                    Boolean.parseBoolean(s.string("media.s3.path-style", "true"))));
        }
        return new MediaConfig(folder, s3,
                s.integer("media.max-file-mib", 2048, 1, 1024 * 1024) * MIB,
                (int) (s.integer("media.chunk-mib", 8, 1, 256) * MIB),
                s.integer("media.max-unfinished-uploads", 20, 1, 10_000),
                s.integer("media.uploads-per-minute", 60, 1, 100_000),
                s.integer("media.max-image-megapixels", 50, 1, 1000) * 1_000_000L,
                s.integer("media.abandoned-upload-seconds", 24 * 3600, 1, 365 * 24 * 3600),
                s.integer("media.unsent-media-seconds", 24 * 3600, 1, 365 * 24 * 3600),
                s.integer("media.cleanup-seconds", 600, 1, 24 * 3600),
                s.integer("media.max-transfers", 256, 1, 100_000),
                s.integer("media.max-jpeg-scans", 32, 1, 1_000_000),
                s.integer("media.decode-seconds", 10, 1, 3600),
                s.integer("media.ffmpeg-seconds", 20, 1, 3600),
                s.integer("media.max-ffmpeg-processes", 2, 1, 1024),
                size(s, "media.bytes-per-user-per-day", 10 * 1024 * MIB));
    }

    /** A byte count: a whole number, optionally with a binary suffix k, m, g or t (1k = 1024). */
    static long size(ConfigSource s, String key, long fallback) {
        Optional<String> raw = s.optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        String text = raw.get().toLowerCase(java.util.Locale.ROOT).replaceAll("i?b$", "");
        int shift = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            long number = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1).strip());
            if (number < 1 || number > (Long.MAX_VALUE >> 1 >> shift)) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            s.problem(key, "'" + raw.get() + "' is not a size in bytes such as 10g, 512m or 1048576");
            return fallback;
        }
    }

    private static URI endpoint(ConfigSource s) {
        String raw = required(s, "media.s3.endpoint");
        try {
            URI uri = new URI(raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(raw, "not http(s)://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            s.problem("media.s3.endpoint", "'" + raw + "' is not an http(s)://host:port URI");
            return URI.create("http://invalid");
        }
    }

    private static String required(ConfigSource s, String key) {
        Optional<String> value = s.optional(key);
        if (value.isEmpty() || value.get().isBlank()) {
            s.problem(key, "media.store=s3 needs " + key);
            return "";
        }
        return value.get();
    }
}
