package parley.bench.abuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * Writes the same few bytes over and over on one raw TCP connection and never reads a byte of the
 * answers: pipelined HTTP requests, or WebSocket pings once an upgrade request has been answered
 * (its answer's head is all the attacker reads). Whatever the node
 * answers piles up in its own buffers unless it stops reading (TCP pushes back: our writes stall)
 * or closes the connection (our next write fails). When it closes, the attacker connects again
 * (at most {@code MAX_CONNECTIONS} times), as a real one would. Non-blocking writes, so a stalled
 * connection never blocks the attacker past its deadline.
 */
final class RawFlood implements Attack {
    private static final int BATCH_BYTES = 64 * 1024;
    private static final int MAX_CONNECTIONS = 100;
    private static final long STALL_NANOS = 1_000_000_000L;
    private static final long DRAIN_LIMIT_BYTES = 256L * 1024 * 1024;

    private final AttackerNet net;
    private final byte[] prologue;
    private final byte[] unit;
    private final String unitName;
    private final byte[] answerMark;
    private volatile SocketChannel open;

    /**
     * @param prologue written once per connection before the flood (e.g. the upgrade request); may be empty
     * @param unit     one request or frame, repeated
     * @param unitName what a unit is, for the report ("requests", "pings")
     * @param answerMark the bytes that start one answer ("HTTP/1.1 ", a pong's header), to count them
     */
    RawFlood(AttackerNet net, byte[] prologue, byte[] unit, String unitName, byte[] answerMark) {
        this.net = net;
        this.prologue = prologue;
        this.unit = unit;
        this.unitName = unitName;
        this.answerMark = answerMark;
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
                if (prologue.length > 0) {
                    String status = upgrade(channel);
                    if (!status.contains(" 101 ")) {
                        tally.refused("upgrade answered: " + status);
                        close(channel);
                        control.pause(100);
                        continue;
                    }
                }
                channel.configureBlocking(false);
            } catch (IOException e) {
                tally.failed("connect: " + e.getClass().getSimpleName());
                control.pause(100);
                continue;
            }
            open = channel;
            tally.accepted("connection opened");
            long stalledSince = -1;
            try {
                boolean spent = false;
                while (control.running() && !spent) {
                    batch.clear();
                    int n = channel.write(batch);
                    written += n;
                    spent = n > 0 && !control.take();
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
                if (!control.running() || stalledAtEnd || spent) {
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

    /**
     * Writes the prologue (an upgrade request) and reads its answer's head, the only bytes the
     * attacker ever reads while it floods (a client may send frames only once switched); returns
     * the answer's status line.
     */
    private String upgrade(SocketChannel channel) throws IOException {
        channel.socket().setSoTimeout(5_000);
        channel.write(ByteBuffer.wrap(prologue));
        java.io.InputStream in = channel.socket().getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while (head.length() < 8_192 && (b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        int end = head.indexOf("\r\n");
        return end < 0 ? "nothing (" + head.length() + " bytes)" : head.substring(0, end);
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.toLowerCase(Locale.ROOT).contains("reset") ? "reset" : message.contains("pipe") ? "broken pipe"
                : message;
    }

    /**
     * Reads, at last, what the node had queued for the last connection (at most
     * {@value #DRAIN_LIMIT_BYTES} bytes, for at most 2 s), and counts the answers in it: how much
     * of the flood the node answered rather than dropped. Then closes the connection.
     */
    @Override
    public void release(Tally tally) {
        SocketChannel channel = open;
        open = null;
        if (channel == null) {
            return;
        }
        long bytes = 0;
        long answers = 0;
        int matched = 0;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long until = System.nanoTime() + 2_000_000_000L;
        long quietSince = System.nanoTime();
        try {
            while (bytes < DRAIN_LIMIT_BYTES && System.nanoTime() - until < 0
                    && System.nanoTime() - quietSince < 300_000_000L) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    Thread.sleep(5);
                    continue;
                }
                quietSince = System.nanoTime();
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    matched = b == answerMark[matched] ? matched + 1 : b == answerMark[0] ? 1 : 0;
                    if (matched == answerMark.length) {
                        answers++;
                        matched = 0;
                    }
                }
            }
        } catch (IOException e) {
            // the node closed it meanwhile: what was read is what it had
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tally.fact("answers the node had queued, read after the attack", answers
                + (bytes >= DRAIN_LIMIT_BYTES ? "+ (stopped reading at " + DRAIN_LIMIT_BYTES / (1024 * 1024) + " MiB)" : ""));
        close(channel);
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a dead connection
        }
    }
}
