package parley.it.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One raw TCP connection of an attacker that writes the same bytes again and again and never reads
 * what the node answers (its receive buffer is small), until the node closes the connection, a byte
 * budget is spent or time is up, whichever comes first. It connects from 127.0.0.2, so that the
 * {@link Bystander} (from 127.0.0.1) has an address, and limits per address, of its own.
 */
final class Flood implements AutoCloseable {
    static final InetAddress SOURCE = address("127.0.0.2");

    private final Socket socket;
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean closedByNode;
    private Thread writer;

    private Flood(Socket socket) {
        this.socket = socket;
    }

    /** A connection from 127.0.0.2 to the node, with a 4 KiB receive buffer. */
    static Socket connect(int port) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.bind(new InetSocketAddress(SOURCE, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(20_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Flood on(Socket socket) {
        return new Flood(socket);
    }

    /** Starts writing {@code block} over and over, up to {@code maxBytes} in all. */
    Flood start(byte[] block, long maxBytes) {
        writer = Thread.ofPlatform().daemon().name("flood").start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                while (written.get() < maxBytes && !stopped.get()) {
                    out.write(block);
                    written.addAndGet(block.length);
                }
            } catch (IOException e) {
                closedByNode = !stopped.get();
            }
        });
        return this;
    }

    /** Waits until the writer is done (the node closed, or the byte budget was spent), at most {@code limit}. */
    Flood awaitEnd(Duration limit) throws InterruptedException {
        writer.join(limit.toMillis());
        return this;
    }

    long written() {
        return written.get();
    }

    /** True once a write failed because the node closed the connection (not because we stopped). */
    boolean closedByNode() {
        return closedByNode;
    }

    boolean writing() {
        return writer.isAlive();
    }

    /** Reads what the node sent so far (for the first answer only: the attacker never reads during a flood). */
    static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        if (writer != null) {
            writer.join(10_000);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
