package parley.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import parley.bench.wire.WireClients;
import picocli.CommandLine.Option;

/**
 * The options every scenario past one-on-one shares: which server, its operator secret (users are
 * made in bulk through it, and its self-report read), where the result goes, and how the raw
 * connections are spread. A picocli mixin; validated by {@link #problems}.
 */
public final class TargetOptions {
    @Option(names = {"--server", "--url"}, defaultValue = "http://127.0.0.1:8080", description = "the server (default: ${DEFAULT-VALUE})")
    private URI server;

    @Option(names = "--admin-secret", defaultValue = "${env:PARLEY_ADMIN_SECRET}",
            description = "the server's admin.secret (default: $PARLEY_ADMIN_SECRET); required: users are made in bulk"
                    + " and the server's memory is read through it")
    private String adminSecret;

    @Option(names = "--server-pid", description = "the server's process id, if local: its CPU use is reported (Linux)")
    private Long serverPid;

    @Option(names = "--source-addresses", defaultValue = "1",
            description = "spread raw connections over 127.0.0.1 to 127.0.0.N (a server on the loopback; about 28,000"
                    + " connections per address) (default: ${DEFAULT-VALUE})")
    private int sourceAddresses;

    @Option(names = "--io-threads", defaultValue = "2", description = "event-loop threads of the raw connections (default: ${DEFAULT-VALUE})")
    private int ioThreads;

    @Option(names = "--out", description = "the JSON result (default: bench-<scenario>.json); the chart goes next to it")
    private Path out;

    public URI server() {
        return server;
    }

    public int sourceAddressesCount() {
        return sourceAddresses;
    }

    public Optional<Long> serverPid() {
        return Optional.ofNullable(serverPid);
    }

    /** Problems with these options, in words; empty when fine. */
    public java.util.List<String> problems() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (!"http".equals(server.getScheme()) || server.getHost() == null) {
            problems.add("--server must be http://host:port (raw connections speak plain ws://), got " + server);
        }
        if (secret().isEmpty()) {
            problems.add("--admin-secret (or PARLEY_ADMIN_SECRET) is required: start the server with admin.secret set");
        }
        if (sourceAddresses < 1 || sourceAddresses > 250) {
            problems.add("--source-addresses must be from 1 to 250, got " + sourceAddresses);
        }
        if (ioThreads < 1 || ioThreads > 64) {
            problems.add("--io-threads must be from 1 to 64, got " + ioThreads);
        }
        return problems;
    }

    public Optional<String> secret() {
        return Optional.ofNullable(adminSecret).filter(s -> !s.isBlank());
    }

    public Path out(String scenario) {
        return out != null ? out : Path.of("bench-" + scenario + ".json");
    }

    public WireClients wireClients() {
        return new WireClients(server, ioThreads, WireClients.loopbackSources(sourceAddresses));
    }

    /** The shared settings, for the report; a scenario adds its own. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server", server.toString());
        settings.put("sourceAddresses", sourceAddresses);
        settings.put("ioThreads", ioThreads);
        settings.put("serverPid", serverPid);
        return settings;
    }
}
