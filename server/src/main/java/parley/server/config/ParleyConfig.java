package parley.server.config;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a Parley node is configured with, one record per module, read from a
 * {@link ConfigSource} and validated as a whole.
 */
public record ParleyConfig(GatewayConfig gateway, StoreConfig store, ChatConfig chat, ClusterConfig cluster,
                           PresenceConfig presence, MediaConfig media, AdminConfig admin, QuotaConfig quota,
                           LimitsConfig limits) {

    /** Every key Parley reads, for the config file and (as PARLEY_...) the environment. */
    public static final Set<String> KEYS = Set.of(
            "gateway.host", "gateway.port", "gateway.tls.certificate", "gateway.tls.private-key",
            "gateway.allowed-origins", "gateway.max-frame-bytes", "gateway.max-body-bytes",
            "gateway.outbound-queue-bytes", "gateway.heartbeat-seconds", "gateway.long-poll-seconds",
            "gateway.long-poll-idle-seconds", "gateway.trusted-proxies",
            "gateway.long-poll-sessions-per-device", "gateway.max-long-poll-sessions",
            "gateway.max-connections", "gateway.max-connections-per-address", "gateway.max-user-outbound-bytes",
            "gateway.max-node-outbound-bytes", "gateway.min-request-bytes-per-second",
            "store.kind", "store.data-dir", "store.synchronous",
            "store.postgres.url", "store.postgres.user", "store.postgres.password", "store.postgres.pool-size",
            "cluster.redis", "cluster.node-id", "cluster.drain-seconds", "presence.grace-seconds",
            "chat.max-text-bytes", "chat.max-page-size", "chat.max-page-bytes", "chat.writer-batch-max", "chat.writer-queue-max",
            "chat.max-group-members", "chat.receipt-coalesce-members",
            "media.store", "media.folder", "media.s3.endpoint", "media.s3.region", "media.s3.bucket",
            "media.s3.access-key", "media.s3.secret-key", "media.s3.path-style", "media.max-file-mib",
            "media.chunk-mib", "media.max-unfinished-uploads", "media.uploads-per-minute",
            "media.max-image-megapixels", "media.abandoned-upload-seconds", "media.unsent-media-seconds",
            "media.cleanup-seconds", "media.max-transfers", "media.max-jpeg-scans", "media.decode-seconds",
            "media.ffmpeg-seconds", "media.max-ffmpeg-processes", "media.bytes-per-user-per-day", "admin.secret",
            "quota.stored-mib-per-user",
            "auth.logins-per-address.burst", "auth.logins-per-address.per-hour",
            "auth.login-failures-per-address.burst", "auth.login-failures-per-address.per-hour",
            "auth.login-failures-per-account-address.burst", "auth.login-failures-per-account-address.per-hour",
            "auth.login-failures-per-account.burst", "auth.login-failures-per-account.per-hour",
            "auth.registrations-per-address.burst", "auth.registrations-per-address.per-hour",
            "auth.addresses-tracked", "auth.accounts-tracked",
            "chat.sends-per-connection.burst", "chat.sends-per-connection.per-second",
            "chat.sends-per-user.burst", "chat.sends-per-user.per-second", "chat.in-flight-per-connection",
            "chat.groups-created-per-user.burst", "chat.groups-created-per-user.per-hour",
            "chat.members-added-per-user.burst", "chat.members-added-per-user.per-hour");

    /** 5 GiB: years of an ordinary user's texts and files; an abuser's flood stops there. */
    static final int DEFAULT_STORED_MIB = 5 * 1024;

    /** Room a send frame needs beyond its text: type, ids and quoting. */
    static final int SEND_ENVELOPE_BYTES = 1024;

    public static ParleyConfig from(ConfigSource source) {
        GatewayConfig gateway = gateway(source);
        StoreConfig store = store(source);
        ParleyConfig config = new ParleyConfig(gateway, store, chat(source), cluster(source, gateway),
                new PresenceConfig(source.integer("presence.grace-seconds", 5, 0, 3600)), MediaSettings.read(source, store),
                admin(source), new QuotaConfig(1024L * 1024 * source.integer("quota.stored-mib-per-user",
                        DEFAULT_STORED_MIB, 1, Integer.MAX_VALUE)), LimitsConfig.read(source));
        if (config.chat().maxTextBytes() + SEND_ENVELOPE_BYTES > config.gateway().maxFrameBytes()) {
            source.problem("chat.max-text-bytes", "a text of " + config.chat().maxTextBytes()
                    + " bytes cannot fit a frame of gateway.max-frame-bytes=" + config.gateway().maxFrameBytes()
                    + "; keep it at least " + SEND_ENVELOPE_BYTES + " bytes below the frame limit");
        }
        source.validate();
        return config;
    }

    /** The defaults, with a data folder and port of the caller's choice: for tests and tools. */
    public static ParleyConfig defaults(Path dataDir, int port) {
        ConfigSource source = ConfigSource.load(Optional.empty(), java.util.Map.of(),
                java.util.Map.of("store.data-dir", dataDir.toString(), "gateway.port", Integer.toString(port)), KEYS);
        return from(source);
    }

    private static GatewayConfig gateway(ConfigSource s) {
        Optional<String> cert = s.optional("gateway.tls.certificate");
        Optional<String> key = s.optional("gateway.tls.private-key");
        Optional<GatewayConfig.Tls> tls = Optional.empty();
        if (cert.isPresent() != key.isPresent()) {
            s.problem(cert.isPresent() ? "gateway.tls.private-key" : "gateway.tls.certificate",
                    "TLS needs both gateway.tls.certificate and gateway.tls.private-key (PEM files), or neither");
        } else if (cert.isPresent()) {
            Path certPath = Path.of(cert.get());
            Path keyPath = Path.of(key.get());
            requireReadable(s, "gateway.tls.certificate", certPath);
            requireReadable(s, "gateway.tls.private-key", keyPath);
            tls = Optional.of(new GatewayConfig.Tls(certPath, keyPath));
        }
        int maxFrame = s.integer("gateway.max-frame-bytes", 64 * 1024, 1024, 16 * 1024 * 1024);
        return new GatewayConfig(
                s.string("gateway.host", "0.0.0.0"),
                s.integer("gateway.port", 8080, 0, 65535),
                tls,
                s.list("gateway.allowed-origins", List.of()),
                maxFrame,
                s.integer("gateway.max-body-bytes", 64 * 1024, 1024, 16 * 1024 * 1024),
                s.integer("gateway.outbound-queue-bytes", 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
                s.integer("gateway.heartbeat-seconds", 5, 1, 3600),
                s.integer("gateway.long-poll-seconds", 25, 1, 300),
                s.integer("gateway.long-poll-idle-seconds", 60, 1, 3600),
                trustedProxies(s),
                s.integer("gateway.long-poll-sessions-per-device", 4, 1, 1000),
                s.integer("gateway.max-long-poll-sessions", 20_000, 1, 10_000_000),
                s.integer("gateway.max-connections", GatewayConfig.defaultMaxConnections(fileDescriptorLimit()), 16,
                        Integer.MAX_VALUE),
                s.integer("gateway.max-connections-per-address", 1000, 1, Integer.MAX_VALUE),
                s.integer("gateway.max-user-outbound-bytes", 64 * 1024 * 1024, 64 * 1024, Integer.MAX_VALUE),
                s.integer("gateway.max-node-outbound-bytes",
                        GatewayConfig.defaultMaxNodeOutboundBytes(Runtime.getRuntime().maxMemory()), 1024 * 1024,
                        Integer.MAX_VALUE),
                s.integer("gateway.min-request-bytes-per-second", 1024, 1, Integer.MAX_VALUE));
    }

    /** The process's limit of open files (connections are files), or 10,000 where it cannot be read. */
    private static long fileDescriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 10_000;
    }

    private static List<String> trustedProxies(ConfigSource s) {
        List<String> proxies = s.list("gateway.trusted-proxies", List.of());
        for (String proxy : proxies) {
            try {
                new parley.server.gateway.ClientAddresses(List.of(proxy));
            } catch (IllegalArgumentException e) {
                s.problem("gateway.trusted-proxies", "'" + proxy + "' is not an IP address (give the load balancers' addresses, comma-separated)");
            }
        }
        return proxies;
    }

    private static AdminConfig admin(ConfigSource s) {
        Optional<String> secret = s.optional("admin.secret");
        if (secret.isPresent() && (secret.get().length() < AdminConfig.MIN_SECRET_LENGTH || secret.get().isBlank())) {
            s.problem("admin.secret", "the operator secret must be at least " + AdminConfig.MIN_SECRET_LENGTH
                    + " characters (for example: openssl rand -base64 24); leave it unset to turn the admin endpoints off");
        }
        return new AdminConfig(secret);
    }

    private static void requireReadable(ConfigSource s, String key, Path path) {
        if (!Files.isReadable(path)) {
            s.problem(key, "file " + path + " does not exist or cannot be read");
        }
    }

    private static StoreConfig store(ConfigSource s) {
        String dir = s.string("store.data-dir", "data");
        Path dataDir = Path.of(dir).toAbsolutePath();
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            s.problem("store.data-dir", dataDir + " exists and is not a folder");
        }
        StoreConfig.Kind kind = s.enumValue("store.kind", StoreConfig.Kind.SQLITE, StoreConfig.Kind.class);
        Optional<StoreConfig.Postgres> postgres = Optional.empty();
        if (kind == StoreConfig.Kind.POSTGRES) {
            Optional<String> url = s.optional("store.postgres.url");
            if (url.isEmpty()) {
                s.problem("store.postgres.url", "store.kind=postgres needs the database's JDBC URL, "
                        + "for example jdbc:postgresql://db.example:5432/parley");
            } else if (!url.get().startsWith("jdbc:postgresql://")) {
                s.problem("store.postgres.url", "'" + url.get() + "' is not a jdbc:postgresql:// URL");
            }
            postgres = Optional.of(new StoreConfig.Postgres(url.orElse(""), s.string("store.postgres.user", "parley"),
                    s.string("store.postgres.password", ""), s.integer("store.postgres.pool-size", 10, 1, 500)));
        }
        return new StoreConfig(kind, dataDir, s.enumValue("store.synchronous", StoreConfig.Synchronous.FULL,
                StoreConfig.Synchronous.class), postgres);
    }

    private static ClusterConfig cluster(ConfigSource s, GatewayConfig gateway) {
        Optional<URI> redis = s.optional("cluster.redis").flatMap(raw -> {
            try {
                URI uri = new URI(raw);
                if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(raw, "not redis://host:port");
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                s.problem("cluster.redis", "'" + raw + "' is not a redis://host:port URI");
                return Optional.empty();
            }
        });
        String nodeId = s.optional("cluster.node-id").orElseGet(() -> hostName() + "-" + gateway.port());
        return new ClusterConfig(redis, nodeId, s.integer("cluster.drain-seconds", 0, 0, 600));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    private static ChatConfig chat(ConfigSource s) {
        return new ChatConfig(
                s.integer("chat.max-text-bytes", 60 * 1024, 1, 16 * 1024 * 1024),
                s.integer("chat.max-page-size", 500, 1, 10_000),
                s.integer("chat.max-page-bytes", 1024 * 1024, 1024, 64 * 1024 * 1024),
                s.integer("chat.writer-batch-max", 512, 1, 100_000),
                s.integer("chat.writer-queue-max", 100_000, 1, 10_000_000),
                s.integer("chat.max-group-members", ChatConfig.DEFAULT_MAX_GROUP_MEMBERS, 2, 100_000),
                s.integer("chat.receipt-coalesce-members", ChatConfig.DEFAULT_RECEIPT_COALESCE_MEMBERS, 1, 100_000));
    }
}
