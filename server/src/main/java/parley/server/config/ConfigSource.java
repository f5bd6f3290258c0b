package parley.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Raw settings by key ({@code gateway.port}), merged from, lowest precedence first: a properties
 * file, environment variables ({@code PARLEY_GATEWAY_PORT}), and explicit overrides (the command
 * line). Parses typed values and collects every problem instead of stopping at the first, so that a
 * person fixes all of them in one go. Each problem names the key, where the value came from, what
 * was given and what is accepted.
 */
public final class ConfigSource {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final Set<String> known;
    private final List<String> problems = new ArrayList<>();

    private ConfigSource(Set<String> known) {
        this.known = known;
    }

    /**
     * @param file      an optional properties file (it must exist when given)
     * @param env       the environment (System.getenv() in production)
     * @param overrides values from the command line
     * @param known     every key the application reads; unknown keys in the file are problems
     */
    public static ConfigSource load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides,
                                    Set<String> known) {
        ConfigSource source = new ConfigSource(known);
        file.ifPresent(source::readFile);
        for (String key : known) {
            String envName = envName(key);
            if (env.containsKey(envName)) {
                source.put(key, env.get(envName), "environment variable " + envName);
            }
        }
        overrides.forEach((key, value) -> source.put(key, value, "command line"));
        return source;
    }

    public static String envName(String key) {
        return "PARLEY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private void readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist (give an existing file, or none)");
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage());
            return;
        }
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                problems.add("config file " + file + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            } else {
                put(key, properties.getProperty(key), "config file " + file);
            }
        }
    }

    private void put(String key, String value, String origin) {
        values.put(key, value.trim());
        origins.put(key, origin);
    }

    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    public int integer(String key, int fallback, int min, int max) {
        return parse(key, fallback, raw -> {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        }, "a whole number from " + min + " to " + max);
    }

    public <E extends Enum<E>> E enumValue(String key, E fallback, Class<E> type) {
        return parse(key, fallback, raw -> Enum.valueOf(type, raw.toUpperCase(Locale.ROOT)),
                "one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
    }

    public List<String> list(String key, List<String> fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        return List.of(raw.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private <T> T parse(String key, T fallback, Function<String, T> parser, String accepted) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            problem(key, "'" + raw + "' is not " + accepted);
            return fallback;
        }
    }

    /** Records a problem with a key's value, naming where the value came from. */
    public void problem(String key, String what) {
        String origin = origins.getOrDefault(key, "default");
        problems.add(key + " (from " + origin + "): " + what);
    }

    /** Throws a {@link ConfigException} listing every problem seen so far, if any. */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
