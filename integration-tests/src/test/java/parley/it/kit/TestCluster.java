package parley.it.kit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import parley.server.testing.PostgresServer;
import parley.server.testing.RedisServer;

/**
 * A Parley cluster of real processes on loopback: one PostgreSQL database and one Redis (shared
 * by the test JVM, a fresh database and a flushed Redis per cluster), N nodes as separate JVMs,
 * and HAProxy in front with the configuration shipped in the repository.
 */
public final class TestCluster implements AutoCloseable {
    private final List<ServerProcess> nodes;
    private final HaproxyProcess haproxy;
    private final Map<String, String> settings;

    private TestCluster(List<ServerProcess> nodes, HaproxyProcess haproxy, Map<String, String> settings) {
        this.nodes = nodes;
        this.haproxy = haproxy;
        this.settings = settings;
    }

    public static TestCluster start(int size) {
        return start(size, Map.of());
    }

    /** A cluster whose nodes also get these settings (keys as in docs/operations.md). */
    public static TestCluster start(int size, Map<String, String> extra) {
        PostgresServer postgres = PostgresServer.shared();
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        String database = postgres.newDatabase();
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "store.kind", "postgres",
                "store.postgres.url", postgres.jdbcUrl(database),
                "store.postgres.user", postgres.user(),
                "store.postgres.password", postgres.password(),
                "cluster.redis", redis.uri().toString(),
                "cluster.drain-seconds", "1",
                // HAProxy, on this machine, tells the nodes each client's address
                "gateway.trusted-proxies", "127.0.0.1"));
        settings.putAll(extra);
        // the first node migrates the schema; the others then start side by side
        List<ServerProcess> nodes = new ArrayList<>(List.of(startNode(settings, 1)));
        List<CompletableFuture<ServerProcess>> others = new ArrayList<>();
        for (int i = 2; i <= size; i++) {
            int number = i;
            others.add(CompletableFuture.supplyAsync(() -> startNode(settings, number)));
        }
        others.forEach(f -> nodes.add(f.join()));
        return new TestCluster(nodes, HaproxyProcess.start(nodes.stream().map(ServerProcess::port).toList()),
                Map.copyOf(settings));
    }

    private static ServerProcess startNode(Map<String, String> settings, int number) {
        Map<String, String> own = new java.util.HashMap<>(settings);
        own.put("cluster.node-id", "node" + number);
        return ServerProcess.start(own);
    }

    /** The load balancer's address: where clients connect. */
    public URI http() {
        return haproxy.http();
    }

    /** One node's own address, to put a client on a chosen node. */
    public URI node(int index) {
        return nodes.get(index).http();
    }

    public ServerProcess process(int index) {
        return nodes.get(index);
    }

    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public void close() {
        haproxy.close();
        nodes.forEach(ServerProcess::close);
    }
}
