package parley.bench.abuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * Writes the same few bytes over and over on one raw TCP connection and never reads a byte of the
 * answers: pipelined HTTP requests, or WebSocket pings after an upgrade request. Whatever the node
 * answers piles up in its own buffers unless it stops reading (TCP pushes back: our writes stall)
 * or closes the connection (our next write fails). When it closes, the attacker connects again
 * (at most {@code MAX_CONNECTIONS} times), as a real one would. Non-blocking writes, so a stalled
 * connection never blocks the attacker past its deadline.
 */
final class RawFlood implements Attack {
    private static final int BATCH_BYTES = 64 * 1024;
    private static final int MAX_CONNECTIONS = 100;
    private static final long STALL_NANOS = 1_000_000_000L;

    private final AttackerNet net;
    private final byte[] prologue;
    private final byte[] unit;
    private final String unitName;
    private volatile SocketChannel open;

    /**
     * @param prologue written once per connection before the flood (e.g. the upgrade request); may be empty
     * @param unit     one request or frame, repeated
     * @param unitName what a unit is, for the report ("requests", "pings")
     */
    RawFlood(AttackerNet net, byte[] prologue, byte[] unit, String unitName) {
        this.net = net;
        this.prologue = prologue;
        this.unit = unit;
        this.unitName = unitName;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        int perBatch = Math.max(1, BATCH_BYTES / unit.length);
        ByteBuffer batch = ByteBuffer.allocateDirect(perBatch * unit.length);
        for (int i = 0; i < perBatch; i++) {
            batch.put(unit);
        }
        long written = 0;
        int connections = 0;
        boolean stalledAtEnd = false;
        long stalls = 0;
        while (control.running() && connections < MAX_CONNECTIONS) {
            connections++;
            SocketChannel channel;
            try {
                channel = net.connect();
                channel.configureBlocking(false);
                writeFully(channel, ByteBuffer.wrap(prologue), control);
            } catch (IOException e) {
                tally.failed("connect: " + e.getClass().getSimpleName());
                control.pause(100);
                continue;
            }
            open = channel;
            tally.accepted("connection opened");
            long stalledSince = -1;
            try {
                while (control.running()) {
                    if (!control.take()) {
                        break;
                    }
                    batch.clear();
                    int n = channel.write(batch);
                    written += n;
                    if (n == 0) {
                        long now = System.nanoTime();
                        if (stalledSince < 0) {
                            stalledSince = now;
                        } else if (now - stalledSince > STALL_NANOS && !stalledAtEnd) {
                            stalledAtEnd = true;
                            stalls++;
                            tally.refused("the node stopped reading (writes stalled 1 s)");
                            tally.fact(unitName + " written when the node stopped reading", written / unit.length);
                        }
                        control.pause(5);
                    } else {
                        stalledSince = -1;
                        stalledAtEnd = false;
                    }
                }
                if (!control.running() || stalledAtEnd) {
                    break;
                }
            } catch (IOException closed) {
                tally.refused("connection closed by the node (" + reason(closed) + ")");
                open = null;
                close(channel);
                control.pause(50);
            }
        }
        tally.fact("connections opened", connections);
        tally.fact(unitName + " written (all connections)", written / unit.length);
        tally.fact("MiB written", Math.round(written / 1048.576) / 1000.0);
        tally.fact("writes stalled at the end", stalledAtEnd);
        tally.fact("stalls", stalls);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer bytes, AttackControl control) throws IOException {
        while (bytes.hasRemaining() && control.running()) {
            if (channel.write(bytes) == 0) {
                control.pause(5);
            }
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.toLowerCase(Locale.ROOT).contains("reset") ? "reset" : message.contains("pipe") ? "broken pipe"
                : message;
    }

    @Override
    public void release(Tally tally) {
        SocketChannel channel = open;
        open = null;
        if (channel != null) {
            close(channel);
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a dead connection
        }
    }
}
