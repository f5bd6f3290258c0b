package parley.it.kit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import parley.server.config.ConfigSource;

/**
 * A Parley server in a separate JVM, started exactly as an operator starts it (the server's main
 * class with --port and --data), so that a test can kill it with SIGKILL and start it again on
 * the same data.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String READY = "PARLEY READY port=";

    private final Path dataDir;
    private final Path log;
    private final Map<String, String> settings;
    private final List<String> jvmOptions;
    private Process process;
    private int port;

    private ServerProcess(Path dataDir, Map<String, String> settings, List<String> jvmOptions) throws IOException {
        this.dataDir = dataDir;
        this.settings = Map.copyOf(settings);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = Files.createTempFile("parley-server", ".log");
    }

    public static ServerProcess start() {
        return start(Map.of());
    }

    /** Starts a node with these settings (keys as in docs/operations.md), given as PARLEY_* variables. */
    public static ServerProcess start(Map<String, String> settings) {
        return start(settings, List.of());
    }

    /** Starts a node with these settings and JVM options (e.g. {@code -Xmx512m}). */
    public static ServerProcess start(Map<String, String> settings, List<String> jvmOptions) {
        try {
            ServerProcess server = new ServerProcess(Files.createTempDirectory("parley-node"), settings, jvmOptions);
            server.launch(0);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a node that could not start ended: its exit code and everything it printed. */
    public record Exit(int code, String output) {
    }

    /** Starts a node that is expected to refuse to start, and waits for it to exit. */
    public static Exit runUntilExit(Map<String, String> settings) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("parley-node");
        Process process = builder(settings, 0, data, List.of()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the node did not exit; it printed: " + output);
        }
        return new Exit(process.exitValue(), output);
    }

    private static ProcessBuilder builder(Map<String, String> settings, int port, Path dataDir, List<String> jvmOptions) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "parley.server.Main",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        settings.forEach((key, value) -> builder.environment().put(ConfigSource.envName(key), value));
        return builder;
    }

    private void launch(int wantedPort) throws IOException {
        process = builder(settings, wantedPort, dataDir, jvmOptions).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> pump(ready));
        try {
            port = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server process did not start; its log: " + Files.readString(log), e);
        }
    }

    private void pump(CompletableFuture<Integer> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), java.nio.file.StandardOpenOption.APPEND);
                if (line.startsWith(READY)) {
                    ready.complete(Integer.parseInt(line.substring(READY.length()).trim()));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("server exited"));
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGTERM: the node drains and stops as an operator would stop it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same data folder and port. */
    public void restart() {
        try {
            launch(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
