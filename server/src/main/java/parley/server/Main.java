package parley.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import parley.server.config.ConfigException;
import parley.server.config.ConfigSource;
import parley.server.config.ParleyConfig;
import parley.server.cluster.redis.RedisUnavailableException;
import parley.server.media.blob.BlobStoreUnavailableException;
import parley.server.store.postgres.PostgresStorageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley server}: starts a node and runs until stopped (Ctrl-C or SIGTERM). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Starts a Parley server. Settings come from --config, then PARLEY_* environment "
                + "variables, then these options.")
public final class Main implements Callable<Integer> {

    @Option(names = "--config", description = "a properties file (see docs/operations.md)")
    Path config;

    @Option(names = "--port", description = "the port to listen on (default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--data", description = "the data folder (default ./data)")
    Path data;

    @Option(names = "--host", description = "the address to listen on (default 0.0.0.0)")
    String host;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("gateway.port", port.toString());
        }
        if (data != null) {
            overrides.put("store.data-dir", data.toString());
        }
        if (host != null) {
            overrides.put("gateway.host", host);
        }
        ParleyConfig parleyConfig;
        try {
            parleyConfig = ParleyConfig.from(ConfigSource.load(Optional.ofNullable(config), System.getenv(), overrides,
                    ParleyConfig.KEYS));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        ParleyServer server;
        try {
            server = ParleyServer.start(parleyConfig, Clock.systemUTC());
        } catch (PostgresStorageException | RedisUnavailableException | BlobStoreUnavailableException e) {
            System.err.println("parley: cannot start: " + e.getMessage());
            return 3;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        System.out.println("PARLEY READY port=" + server.port());
        stopped.await();
        return 0;
    }
}
