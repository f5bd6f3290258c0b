package parley.it.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * HAProxy in front of some nodes, with the configuration shipped in the repository
 * (deploy/haproxy/parley.cfg.template), rendered for these ports; optionally with extra rules in
 * its frontend, to play a proxy that meddles with the traffic (e.g. one that blocks WebSockets).
 */
public final class HaproxyProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private HaproxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static HaproxyProcess start(List<Integer> nodePorts) {
        return start(nodePorts, List.of());
    }

    /**
     * A corporate proxy that refuses every WebSocket: a request carrying {@code Upgrade: websocket}
     * is answered 403, and never reaches a node; plain HTTP passes.
     */
    public static HaproxyProcess startRefusingWebSockets(List<Integer> nodePorts) {
        return start(nodePorts, List.of("http-request deny deny_status 403 if { req.hdr(upgrade) -i websocket }"));
    }

    /**
     * A proxy that does not know WebSockets: it drops the {@code Upgrade} header and passes the
     * request on as plain HTTP, so the node answers it with an error instead of 101.
     */
    public static HaproxyProcess startStrippingUpgrades(List<Integer> nodePorts) {
        return start(nodePorts, List.of("http-request del-header upgrade"));
    }

    /** HAProxy with these lines added to its frontend, after the bind line. */
    public static HaproxyProcess start(List<Integer> nodePorts, List<String> frontendRules) {
        try {
            Path template = repositoryRoot().resolve("deploy/haproxy/parley.cfg.template");
            int port = freePort();
            String servers = nodePorts.stream()
                    .map(p -> "    server node" + p + " 127.0.0.1:" + p + " check")
                    .collect(Collectors.joining("\n"));
            Path config = Files.createTempFile("parley-haproxy", ".cfg");
            Files.writeString(config, Files.readString(template)
                    .replace("@BIND@", "127.0.0.1:" + port + frontendRules.stream().map(rule -> "\n    " + rule)
                            .collect(Collectors.joining()))
                    .replace("@SERVERS@", servers));
            Path log = Files.createTempFile("parley-haproxy", ".log");
            Process process = new ProcessBuilder("haproxy", "-f", config.toString(), "-db")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            HaproxyProcess haproxy = new HaproxyProcess(process, port);
            haproxy.awaitListening();
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start haproxy (install the Debian package haproxy)", e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("haproxy exited with " + process.exitValue());
                }
                sleep(50);
            }
        }
        throw new IllegalStateException("haproxy did not listen on " + port);
    }

    public URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/haproxy/parley.cfg.template"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
