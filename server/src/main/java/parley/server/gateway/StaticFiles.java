package parley.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's files, served from the class path folder {@code /web}. Only plain names
 * ({@code [A-Za-z0-9_-]} segments with a known extension) are looked up, so no path can climb out
 * of the folder; files are read once and kept (the folder is small and fixed at build time).
 */
public final class StaticFiles {
    /** Allows only this origin's scripts, styles, connections and images; no framing, no plugins. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-]+)*/[A-Za-z0-9_-]+\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "woff2", "font/woff2");

    private final String root;
    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    /** A file to serve: its bytes and content type. */
    public record File(byte[] bytes, String contentType) {
    }

    public StaticFiles(String root) {
        this.root = root;
    }

    /** The file for a request path ({@code /} is {@code /index.html}), if there is one. */
    public Optional<File> find(String path) {
        String name = path.equals("/") ? "/index.html" : path;
        if (!SAFE_PATH.matcher(name).matches()) {
            return Optional.empty();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, n -> read(root + n).map(bytes -> new File(bytes, type)));
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
