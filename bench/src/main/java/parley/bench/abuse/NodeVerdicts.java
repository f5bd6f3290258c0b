package parley.bench.abuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * What the node did to the connections an attack holds open, seen through their selector: each
 * one the node closed, reset or answered is counted in the attack's {@link Tally} as refused (with
 * {@code answered} describing an answer's first bytes) and let go. Not thread-safe: the attack's
 * own thread.
 */
final class NodeVerdicts {
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);

    /** Counts what happened since the last look, without blocking. */
    void watch(Selector selector, Tally tally, Function<ByteBuffer, String> answered) throws IOException {
        if (selector.selectNow() == 0) {
            return;
        }
        for (SelectionKey key : selector.selectedKeys()) {
            SocketChannel channel = (SocketChannel) key.channel();
            scratch.clear();
            String what;
            try {
                int n = channel.read(scratch);
                if (n == 0) {
                    continue;
                }
                what = n < 0 ? "closed by the node" : answered.apply(scratch);
            } catch (IOException e) {
                what = "reset by the node";
            }
            tally.refused(what);
            key.cancel();
            channel.close();
        }
        selector.selectedKeys().clear();
    }
}
