package parley.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import parley.server.ParleyServer;
import parley.server.config.ConfigSource;
import parley.server.config.ParleyConfig;

/**
 * A real Parley server in this JVM on a free port, with its own data folder. {@link #restart}
 * stops it and starts it again on the same data and port, as an operator would.
 */
public final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> settings;
    private ParleyServer server;
    private int port;

    private TestServer(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with these settings (keys as in docs/operations.md, e.g. "gateway.heartbeat-seconds"). */
    public static TestServer start(Map<String, String> settings) {
        try {
            TestServer test = new TestServer(Files.createTempDirectory("parley-it"), settings);
            test.boot(0);
            return test;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot(int wantedPort) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("store.data-dir", dataDir.toString());
        all.put("gateway.port", Integer.toString(wantedPort));
        all.putIfAbsent("gateway.host", "127.0.0.1");
        ParleyConfig config = ParleyConfig.from(ConfigSource.load(Optional.empty(), Map.of(), all, ParleyConfig.KEYS));
        try {
            server = ParleyServer.start(config, Clock.systemUTC());
        } catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
        port = server.port();
    }

    public void restart() {
        server.close();
        boot(port);
    }

    public URI http() {
        return URI.create((settings.containsKey("gateway.tls.certificate") ? "https" : "http") + "://127.0.0.1:" + port);
    }

    public URI ws() {
        return URI.create((settings.containsKey("gateway.tls.certificate") ? "wss" : "ws") + "://127.0.0.1:" + port + "/ws");
    }

    public int port() {
        return port;
    }

    public ParleyServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
