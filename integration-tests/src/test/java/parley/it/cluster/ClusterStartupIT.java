package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.it.kit.ServerProcess;
import parley.server.testing.PostgresServer;
import parley.server.testing.RedisServer;

/** A node pointed at a service it cannot use refuses to start, saying which and why. */
class ClusterStartupIT {

    private static Map<String, String> cluster() {
        PostgresServer postgres = PostgresServer.shared();
        Map<String, String> settings = new HashMap<>();
        settings.put("store.kind", "postgres");
        settings.put("store.postgres.url", postgres.jdbcUrl(postgres.newDatabase()));
        settings.put("store.postgres.user", postgres.user());
        settings.put("store.postgres.password", postgres.password());
        settings.put("cluster.redis", RedisServer.shared().uri().toString());
        return settings;
    }

    @Test
    void aWrongDatabasePasswordIsNamedAtStartUp() throws Exception {
        Map<String, String> settings = cluster();
        settings.put("store.postgres.password", "not-the-password");
        ServerProcess.Exit exit = ServerProcess.runUntilExit(settings);
        assertThat(exit.code()).isEqualTo(3);
        assertThat(exit.output()).contains("cannot connect to PostgreSQL").contains("password authentication failed")
                .doesNotContain("not-the-password").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableRedisIsNamedAtStartUp() throws Exception {
        Map<String, String> settings = cluster();
        settings.put("cluster.redis", "redis://127.0.0.1:1");
        ServerProcess.Exit exit = ServerProcess.runUntilExit(settings);
        assertThat(exit.code()).isEqualTo(3);
        assertThat(exit.output()).contains("cannot connect to Redis at redis://127.0.0.1:1").doesNotContain("\tat ");
    }

    @Test
    void aMissingDatabaseUrlIsAConfigurationError() throws Exception {
        Map<String, String> settings = cluster();
        settings.remove("store.postgres.url");
        ServerProcess.Exit exit = ServerProcess.runUntilExit(settings);
        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.output()).contains("store.postgres.url").contains("jdbc:postgresql://");
    }
}
