package parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyConfigTest {
    @TempDir
    Path dir;

    private ParleyConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> cli) {
        return ParleyConfig.from(ConfigSource.load(file, env, cli, ParleyConfig.KEYS));
    }

    @Test
    void theDefaultsAreTheEmbeddedServerOnPort8080() {
        ParleyConfig config = load(Optional.empty(), Map.of(), Map.of());
        assertThat(config.gateway().port()).isEqualTo(8080);
        assertThat(config.gateway().maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(config.gateway().tls()).isEmpty();
        assertThat(config.store().dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.store().synchronous()).isEqualTo(StoreConfig.Synchronous.FULL);
        assertThat(config.chat().maxTextBytes()).isLessThan(config.gateway().maxFrameBytes());
    }

    @Test
    void theEnvironmentOverridesTheFileAndTheCommandLineOverridesBoth() throws IOException {
        Path file = dir.resolve("parley.properties");
        Files.writeString(file, "gateway.port=9000\ngateway.heartbeat-seconds=7\nstore.synchronous=normal\n");
        ParleyConfig config = load(Optional.of(file), Map.of("PARLEY_GATEWAY_PORT", "9100",
                "PARLEY_GATEWAY_HEARTBEAT_SECONDS", "9"), Map.of("gateway.port", "9200"));
        assertThat(config.gateway().port()).isEqualTo(9200);
        assertThat(config.gateway().heartbeatSeconds()).isEqualTo(9);
        assertThat(config.store().synchronous()).isEqualTo(StoreConfig.Synchronous.NORMAL);
    }

    @Test
    void everyProblemIsReportedAtOnceWithWhereItCameFromAndWhatIsAccepted() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "gateway.prot=8080\nstore.synchronous=sometimes\n");
        assertThatThrownBy(() -> load(Optional.of(file), Map.of("PARLEY_GATEWAY_PORT", "eighty"),
                Map.of("gateway.tls.certificate", dir.resolve("missing.pem").toString())))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
                .hasMessageContaining("unknown key 'gateway.prot'")
                .hasMessageContaining("gateway.port (from environment variable PARLEY_GATEWAY_PORT): 'eighty' is not a whole number from 0 to 65535")
                .hasMessageContaining("store.synchronous (from config file")
                .hasMessageContaining("one of [full, normal]")
                .hasMessageContaining("TLS needs both");
    }

    @Test
    void aTextLimitThatCannotFitAFrameIsRefused() {
        assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("chat.max-text-bytes", "65536")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.max-text-bytes");
    }

    @Test
    void aMissingConfigFileIsAProblemNotASilentDefault() {
        assertThatThrownBy(() -> load(Optional.of(dir.resolve("nope.properties")), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void tlsNeedsReadableFiles() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        ParleyConfig config = load(Optional.empty(), Map.of(), Map.of("gateway.tls.certificate", cert.toString(),
                "gateway.tls.private-key", key.toString()));
        assertThat(config.gateway().tls()).contains(new GatewayConfig.Tls(cert, key));
    }

    @Test
    void theAdminEndpointsAreOffWithoutASecretAndAShortSecretIsRefused() {
        assertThat(load(Optional.empty(), Map.of(), Map.of()).admin().secret()).isEmpty();
        assertThat(load(Optional.empty(), Map.of("PARLEY_ADMIN_SECRET", "a-long-enough-operator-secret"), Map.of())
                .admin().secret()).contains("a-long-enough-operator-secret");
        assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("admin.secret", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.secret")
                .hasMessageNotContaining("short");
    }

    @Test
    void mediaLimitsHaveDefaultsAndTakeSizesWithUnits() {
        MediaConfig defaults = load(Optional.empty(), Map.of(), Map.of()).media();
        assertThat(defaults.maxJpegScans()).isEqualTo(32);
        assertThat(defaults.decodeSeconds()).isEqualTo(10);
        assertThat(defaults.bytesPerUserPerDay()).isEqualTo(10L * 1024 * 1024 * 1024);

        assertThat(load(Optional.empty(), Map.of("PARLEY_MEDIA_BYTES_PER_USER_PER_DAY", "512m"), Map.of()).media()
                .bytesPerUserPerDay()).isEqualTo(512L * 1024 * 1024);
        assertThat(load(Optional.empty(), Map.of(), Map.of("media.bytes-per-user-per-day", "1048576")).media()
                .bytesPerUserPerDay()).isEqualTo(1048576L);
        assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("media.bytes-per-user-per-day", "lots")))
                .hasMessageContaining("media.bytes-per-user-per-day").hasMessageContaining("10g");
        assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("media.max-jpeg-scans", "0")))
                .hasMessageContaining("media.max-jpeg-scans");
    }
}
