package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parley.protocol.api.LoginRequest;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * The golden example frames and bodies are what the protocol document quotes: each decodes into
 * its type and encodes back to the same JSON, every frame type has one, and docs/protocol.md quotes
 * every one of them verbatim, so neither the examples nor the document can drift from the code.
 */
class GoldenExamplesTest {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/protocol.md");
    /** A frame in a transcript of the document: "→ {...}" is sent by a client, "← {...}" by the server. */
    private static final Pattern TRANSCRIPT_FRAME = Pattern.compile("^(?:[A-Za-z]+ +)?([→←]) (\\{.*})\\s*$");

    static List<GoldenExample> examples() {
        return GoldenExample.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodesIntoItsTypeAndEncodesBackToTheSameJson(GoldenExample example) {
        JsonNode original = example.tree();
        JsonNode reencoded = switch (example.folder()) {
            case "client" -> {
                ClientFrame frame = CODEC.decodeClient(example.text());
                assertNamedAfterType(example, ClientFrame.class, frame.getClass());
                yield GoldenExample.parse(CODEC.encode(frame));
            }
            case "server" -> {
                ServerFrame frame = CODEC.decodeServer(example.text());
                assertNamedAfterType(example, ServerFrame.class, frame.getClass());
                yield GoldenExample.parse(CODEC.encode(frame));
            }
            case "api" -> {
                Class<?> type = apiRecord(example.stem());
                Object body = CODEC.read(example.text(), type);
                assertThat(body).isInstanceOf(type);
                yield GoldenExample.parse(CODEC.write(body));
            }
            default -> throw new AssertionError(example + " is not under client/, server/ or api/");
        };
        assertThat(reencoded).as("%s re-encoded", example).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void isPrettyPrintedWithTwoSpaces(GoldenExample example) {
        assertThat(example.text()).as("%s in canonical form", example)
                .isEqualTo(GoldenExample.canonical(example.tree()));
    }

    @Test
    void everyClientFrameIsRegisteredAndHasAnExample() {
        assertEveryFrameRegisteredAndExemplified(ClientFrame.class, "client");
    }

    @Test
    void everyServerFrameIsRegisteredAndHasAnExample() {
        assertEveryFrameRegisteredAndExemplified(ServerFrame.class, "server");
    }

    @Test
    void everyHttpBodyRecordHasAnExample() throws Exception {
        Set<String> exemplified = GoldenExample.byFolder().getOrDefault("api", List.of()).stream()
                .map(e -> apiRecord(e.stem()).getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exemplified).containsAll(apiRecordNames());
    }

    @Test
    void theProtocolDocumentQuotesEveryExampleVerbatim() throws IOException {
        List<String> blocks = jsonBlocks(Files.readString(DOC, StandardCharsets.UTF_8));
        List<String> missing = GoldenExample.all().stream()
                .filter(e -> !blocks.contains(e.quoted()))
                .map(GoldenExample::name)
                .toList();
        assertThat(missing).as("examples not quoted verbatim in a ```json block of %s", DOC).isEmpty();
    }

    @Test
    void everyJsonBlockOfTheProtocolDocumentIsAGoldenExample() throws IOException {
        Set<String> quotable = GoldenExample.all().stream().map(GoldenExample::quoted).collect(Collectors.toSet());
        List<String> strays = jsonBlocks(Files.readString(DOC, StandardCharsets.UTF_8)).stream()
                .filter(block -> !quotable.contains(block))
                .toList();
        assertThat(strays).as("```json blocks of %s that are no (longer a) golden example; "
                + "add the JSON to src/test/resources/examples or fix the block", DOC).isEmpty();
    }

    @Test
    void everyFrameInTheDocumentsTranscriptsIsValid() throws IOException {
        int frames = 0;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            Matcher frame = TRANSCRIPT_FRAME.matcher(line);
            if (!frame.matches()) {
                continue;
            }
            frames++;
            String json = frame.group(2);
            String reencoded;
            try {
                reencoded = frame.group(1).equals("→")
                        ? CODEC.encode(CODEC.decodeClient(json))
                        : CODEC.encode(CODEC.decodeServer(json));
            } catch (ProtocolException e) {
                throw new AssertionError("transcript frame " + json + " is refused: " + e.code().wire() + ": "
                        + e.getMessage(), e);
            }
            assertThat(GoldenExample.parse(reencoded)).as("transcript frame %s", json)
                    .isEqualTo(GoldenExample.parse(json));
        }
        assertThat(frames).as("frames in the transcripts of %s", DOC).isPositive();
    }

    @Test
    void theProtocolDocumentListsEveryErrorCodeWithItsHttpStatus() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> missing = Arrays.stream(ErrorCode.values())
                .filter(code -> !doc.contains("| `" + code.wire() + "` | " + code.httpStatus() + " |"))
                .map(code -> code.wire() + " (" + code.httpStatus() + ")")
                .toList();
        assertThat(missing).as("error codes without a table row \"| `code` | status |\" in %s", DOC).isEmpty();
    }

    @Test
    void theProtocolDocumentNamesTheProtocolVersion() throws IOException {
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).contains("`" + ProtocolVersion.V1 + "`");
    }

    private static void assertEveryFrameRegisteredAndExemplified(Class<?> sealed, String folder) {
        Map<Class<?>, String> registered = Arrays.stream(sealed.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));
        Set<Class<?>> permitted = Set.of(sealed.getPermittedSubclasses());
        assertThat(registered.keySet()).as("@JsonSubTypes of %s", sealed.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(permitted);
        assertThat(Set.copyOf(registered.values())).as("type names of %s are unique", sealed.getSimpleName())
                .hasSameSizeAs(registered.values());
        Set<String> exemplified = GoldenExample.byFolder().getOrDefault(folder, List.of()).stream()
                .map(e -> e.tree().path("type").asText())
                .collect(Collectors.toSet());
        List<String> missing = permitted.stream()
                .filter(type -> !exemplified.contains(registered.get(type)))
                .map(type -> registered.get(type) + " (" + type.getSimpleName() + ")")
                .toList();
        assertThat(missing).as("frames without an example under examples/%s/", folder).isEmpty();
    }

    private static void assertNamedAfterType(GoldenExample example, Class<?> sealed, Class<?> decoded) {
        String type = Arrays.stream(sealed.getAnnotation(JsonSubTypes.class).value())
                .filter(t -> t.value() == decoded)
                .map(JsonSubTypes.Type::name)
                .findFirst()
                .orElseThrow(() -> new AssertionError(decoded + " is not registered in @JsonSubTypes"));
        String fileType = type.replace('_', '-');
        assertThat(example.stem().equals(fileType) || example.stem().startsWith(fileType + "-"))
                .as("%s holds a '%s' frame, so its name starts with '%s'", example, type, fileType)
                .isTrue();
    }

    /** The api record a file stem names: {@code login-request} is {@code LoginRequest}. */
    private static Class<?> apiRecord(String stem) {
        String simpleName = Arrays.stream(stem.split("-"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
        String className = LoginRequest.class.getPackageName() + "." + simpleName;
        try {
            Class<?> type = Class.forName(className);
            assertThat(type.isRecord()).as("%s is a record", className).isTrue();
            return type;
        } catch (ClassNotFoundException e) {
            return fail("api/" + stem + ".json names no record " + className);
        }
    }

    /** The simple names of every top-level class in the api package. */
    private static Set<String> apiRecordNames() throws Exception {
        URI location = LoginRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        String folder = LoginRequest.class.getPackageName().replace('.', '/');
        Path classes = Path.of(location);
        if (Files.isDirectory(classes)) {
            return classNames(classes.resolve(folder));
        }
        try (FileSystem jar = FileSystems.newFileSystem(classes)) {
            return classNames(jar.getPath(folder));
        }
    }

    private static Set<String> classNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .filter(name -> !name.equals("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The contents of every ```json fenced block, without the fences. */
    private static List<String> jsonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\r?\n", -1)) {
            if (block == null) {
                if (line.equals("```json")) {
                    block = new StringBuilder();
                }
            } else if (line.equals("```")) {
                blocks.add(block.toString().stripTrailing());
                block = null;
            } else {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
