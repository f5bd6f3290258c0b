package parley.bench.abuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import parley.protocol.api.CreateUploadRequest;
import parley.protocol.api.UploadStatus;

/**
 * Slow transfers: uploads whose chunk dribbles in a byte at a time. The attacker creates as many
 * uploads as the node lets it ({@code --slow-transfers}), opens one connection per upload with a
 * {@code PUT} of a 1 MiB chunk, and sends one byte per connection every {@code --dribble-ms};
 * where the node refuses more uploads, it dribbles the body of a create-upload request instead.
 * Each held connection ties up what the node gives a transfer. A close, a reset or an answer (a
 * {@code 408}) from the node is a refusal; a connection still dribbling at the end was not refused.
 */
final class SlowUploads implements Attack {
    private static final int CHUNK = 1024 * 1024;
    private static final int SLOW_BODY = 4096;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AttackSetup setup;
    private final List<SocketChannel> held = new ArrayList<>();
    private final List<String> uploads = new ArrayList<>();
    private final NodeVerdicts verdicts = new NodeVerdicts();
    private Selector selector;

    SlowUploads(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws IOException {
        selector = Selector.open();
        String token = setup.attacker().token();
        AttackerNet net = setup.net();
        int puts = 0;
        int slowCreates = 0;
        boolean uploadsRefused = false;
        for (int i = 0; i < setup.options().slowTransfers() && control.take(); i++) {
            String head;
            if (!uploadsRefused) {
                HttpAnswer created = net.json("POST", "/api/media/uploads", token,
                        new CreateUploadRequest(CHUNK, "slow.bin", null), TIMEOUT);
                if (created.ok()) {
                    String id = net.codec().read(created.body(), UploadStatus.class).uploadId();
                    uploads.add(id);
                    head = net.head("PUT", "/api/media/uploads/" + id + "?offset=0", token, CHUNK,
                            "application/octet-stream");
                    puts++;
                } else {
                    tally.refused("creating an upload: " + created.label());
                    uploadsRefused = true;
                    continue;
                }
            } else {
                head = net.head("POST", "/api/media/uploads", token, SLOW_BODY, "application/json");
                slowCreates++;
            }
            try {
                SocketChannel channel = net.connect();
                channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
                held.add(channel);
                tally.accepted("dribbling connection opened");
            } catch (IOException e) {
                tally.failed("connect: " + e.getClass().getSimpleName());
            }
        }
        tally.fact("dribbled PUT chunks", puts);
        tally.fact("dribbled create-upload bodies", slowCreates);
        long dribbled = 0;
        ByteBuffer oneByte = ByteBuffer.allocate(1);
        while (control.pause(setup.options().dribbleMillis())) {
            for (SocketChannel channel : held) {
                if (!channel.isOpen()) {
                    continue;
                }
                oneByte.clear();
                oneByte.put(0, (byte) ' ');
                try {
                    dribbled += channel.write(oneByte);
                } catch (IOException e) {
                    tally.refused("closed by the node while dribbling");
                    channel.close();
                }
            }
            watch(tally);
        }
        watch(tally);
        tally.fact("bytes dribbled", dribbled);
        tally.fact("connections still dribbling at the end", held.stream().filter(SocketChannel::isOpen).count());
    }

    private void watch(Tally tally) throws IOException {
        verdicts.watch(selector, tally, bytes -> "answered " + status(bytes));
    }

    /** "408 code" from an HTTP answer's first bytes. */
    private String status(ByteBuffer bytes) {
        String text = AttackerNet.ascii(bytes.array(), bytes.position());
        String[] words = text.split(" ", 3);
        int body = text.indexOf("\r\n\r\n");
        String code = body < 0 ? "" : setup.net().code(text.substring(body + 4).getBytes(StandardCharsets.ISO_8859_1));
        return (words.length > 1 ? words[1] : "?") + code;
    }

    @Override
    public void release(Tally tally) {
        for (SocketChannel channel : held) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        held.clear();
        long until = System.nanoTime() + TIMEOUT.toNanos();
        for (String id : uploads) {
            if (System.nanoTime() - until > 0) {
                break;
            }
            setup.net().call("DELETE", "/api/media/uploads/" + id, setup.attacker().token(), null, TIMEOUT);
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
