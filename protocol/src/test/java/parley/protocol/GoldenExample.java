package parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One golden example file under {@code src/test/resources/examples/}: {@code client/} holds client
 * frames, {@code server/} server frames, {@code api/} HTTP bodies. A frame's file is named after its
 * {@code type} ({@code list_chats} is {@code list-chats.json}), optionally followed by a variant
 * ({@code sync-next-page.json}); a body's file is named after its record
 * ({@code LoginRequest} is {@code login-request.json}).
 *
 * <p>Examples are pretty-printed in one canonical form, {@link #canonical}: 2-space indentation,
 * {@code "key": value}, one member or element per line, {@code {}} and {@code []} when empty, and a
 * final newline.
 */
record GoldenExample(String name, String folder, String stem, String text) {
    private static final ObjectMapper TREES = new ObjectMapper();

    /** Every example, sorted by name ({@code api/...}, {@code client/...}, {@code server/...}). */
    static List<GoldenExample> all() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> load(root, p))
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<GoldenExample>> byFolder() {
        return all().stream().collect(Collectors.groupingBy(GoldenExample::folder));
    }

    private static Path root() {
        URL url = GoldenExample.class.getResource("/examples");
        if (url == null) {
            throw new IllegalStateException("no examples folder on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GoldenExample load(Path root, Path file) {
        String name = root.relativize(file).toString().replace('\\', '/');
        int slash = name.indexOf('/');
        String folder = slash < 0 ? "" : name.substring(0, slash);
        String stem = name.substring(slash + 1, name.length() - ".json".length());
        try {
            return new GoldenExample(name, folder, stem, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode tree() {
        return parse(text);
    }

    /** The JSON as quoted in the docs: the file without its final newline. */
    String quoted() {
        return text.stripTrailing();
    }

    static JsonNode parse(String json) {
        try {
            return TREES.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return TREES.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical pretty-printed form of a JSON tree, with a final newline. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, "", out);
        return out.append('\n').toString();
    }

    private static void print(JsonNode node, String indent, StringBuilder out) {
        String inner = indent + "  ";
        if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            var fields = node.properties().iterator();
            while (fields.hasNext()) {
                var field = fields.next();
                out.append(inner).append(TREES.getNodeFactory().textNode(field.getKey())).append(": ");
                print(field.getValue(), inner, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                print(node.get(i), inner, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(node);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
