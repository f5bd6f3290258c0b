package parley.it.abuse;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.it.kit.HttpProbe;
import parley.it.kit.ServerProcess;
import parley.protocol.JsonCodec;
import parley.protocol.api.ServerStats;

/**
 * A node to attack: its own JVM with a small heap that exits on {@code OutOfMemoryError} (as the
 * launcher runs it, and as {@link ServerProcess} starts every node), so that "the node survives" means the process is alive and still answering,
 * and an operator secret with which the test reads the node's memory. Every attack test pairs it
 * with a {@link Bystander}, a user who keeps chatting meanwhile.
 */
final class AbuseNode implements AutoCloseable {
    static final int HEAP_MIB = 256;
    static final String SECRET = "abuse-test-operator-secret-0123456789";
    private static final JsonCodec CODEC = new JsonCodec();

    private final ServerProcess process;
    private final HttpProbe http;

    private AbuseNode(ServerProcess process) {
        this.process = process;
        this.http = new HttpProbe(process.http());
    }

    /** A node with the default limits, but for the given settings. */
    static AbuseNode start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("admin.secret", SECRET);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + HEAP_MIB + "m", "-XX:MaxDirectMemorySize=" + HEAP_MIB + "m"));
        return new AbuseNode(ServerProcess.start(all, jvm));
    }

    static AbuseNode start() {
        return start(Map.of());
    }

    URI http() {
        return process.http();
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + process.port() + "/ws");
    }

    int port() {
        return process.port();
    }

    HttpProbe probe() {
        return http;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The node's memory as it reports it; with {@code gc}, after a full collection (the live set). */
    ServerStats stats(boolean gc) {
        HttpProbe.Answer answer = http.call("GET", "/api/admin/stats" + (gc ? "?gc=true" : ""), null, SECRET);
        if (answer.status() != 200) {
            throw new IllegalStateException("stats refused: " + answer);
        }
        return CODEC.read(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), ServerStats.class);
    }

    /** Heap in use plus direct buffers: what an attack could make the node hold. */
    long heldBytes() {
        ServerStats stats = stats(true);
        return stats.heapUsedBytes() + stats.directBytes();
    }

    /** True when {@code /healthz} and {@code /readyz} both answer 200. */
    boolean healthy() {
        return http.call("GET", "/healthz", null, null).status() == 200
                && http.call("GET", "/readyz", null, null).status() == 200;
    }

    java.nio.file.Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
