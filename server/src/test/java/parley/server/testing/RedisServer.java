package parley.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: a child process of the test JVM on a free loopback port,
 * without persistence ({@code --save "" --appendonly no}), not daemonized, and stopped by a shutdown
 * hook if the test forgot. {@link #shared()} is the one server of the JVM (flush it between tests);
 * {@link #create()} gives a private one for tests that stop or restart it.
 *
 * <p>Thread-safe: start, stop and restart are synchronized; {@link #uri()} never changes.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final String INSTALL_HINT = "redis-server is not installed: install the Debian package redis-server"
            + " (apt-get install -y redis-server); the project's test command installs it";

    private static RedisServer shared; // guarded by RedisServer.class: the one static state of the test kit

    private final int port;
    private final Path folder;
    private Process process;
    private boolean frozen;

    private RedisServer(int port, Path folder) {
        this.port = port;
        this.folder = folder;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndForget, "redis-server-" + port + "-stop"));
    }

    /** The server of this JVM, started on first use (and again if a test stopped it), stopped when the JVM exits. */
    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = create();
        }
        shared.start();
        return shared;
    }

    /** A server of the caller's own, started; {@link #close()} stops it. */
    public static RedisServer create() {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer server;
            try {
                server = new RedisServer(freePort(), Files.createTempDirectory("parley-redis-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server.start();
                return server;
            } catch (IllegalStateException e) {
                server.stop();
                if (e.getMessage().equals(INSTALL_HINT)) {
                    throw e;
                }
                failure = e; // most likely the free port was taken meanwhile: try another
            }
        }
        throw failure;
    }

    /** Where clients connect: {@code redis://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Starts the server if it is not running and waits until it answers PING. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", folder.toString());
        Path log = folder.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL_HINT, e);
        }
        awaitPing(log);
    }

    /** Stops the server (clients see their connections drop) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        if (frozen) {
            thaw();
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops and starts again on the same port, empty: what clients see when Redis restarts. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Suspends the server (SIGSTOP): connections stay open and nothing answers, as with a stuck Redis. */
    public synchronized void freeze() {
        signal("-STOP");
        frozen = true;
    }

    /** Resumes a {@linkplain #freeze() frozen} server (SIGCONT). */
    public synchronized void thaw() {
        signal("-CONT");
        frozen = false;
    }

    /** Removes every key of every database. */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!reply.equals("+OK")) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server", e);
        }
    }

    private void stopAndForget() {
        stop();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    private void awaitPing(Path log) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + ": " + tail(log));
            }
            try {
                if (command("PING").equals("+PONG")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within " + STARTUP
                + ": " + tail(log));
    }

    /** Sends one command without arguments and returns the first line of the answer. */
    private String command(String name) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*1\r\n$" + name.length() + "\r\n" + name + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
