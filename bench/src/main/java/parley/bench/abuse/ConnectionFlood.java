package parley.bench.abuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Thousands of idle TCP connections from one address: each connects and then says nothing, and
 * the attacker holds them to the end of the phase. The node's answers are seen through a selector
 * (without ever sending a byte): a close, a reset, or an answer it sent before closing (say a
 * {@code 408}) is a refusal; a connect that fails is no answer.
 */
final class ConnectionFlood implements Attack {
    private final AttackSetup setup;
    private final List<SocketChannel> held = new ArrayList<>();
    private final NodeVerdicts verdicts = new NodeVerdicts();
    private Selector selector;

    ConnectionFlood(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws IOException {
        selector = Selector.open();
        int wanted = setup.options().floodConnections();
        int opened = 0;
        int failedInARow = 0;
        long openStart = System.nanoTime();
        while (opened < wanted && control.take()) {
            try {
                SocketChannel channel = setup.net().connect();
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
                held.add(channel);
                opened++;
                failedInARow = 0;
                tally.accepted("connection accepted");
            } catch (IOException e) {
                tally.failed("connect: " + e.getClass().getSimpleName());
                if (++failedInARow % 10 == 0) {
                    control.pause(100);
                }
            }
            if (opened % 200 == 0) {
                watch(tally);
            }
        }
        tally.fact("connections opened", opened);
        tally.fact("seconds to open them", Math.round((System.nanoTime() - openStart) / 1e7) / 100.0);
        while (control.running()) {
            watch(tally);
            control.pause(100);
        }
        watch(tally);
        tally.fact("connections still open at the end", held.stream().filter(SocketChannel::isOpen).count());
    }

    private void watch(Tally tally) throws IOException {
        verdicts.watch(selector, tally, bytes -> "answered: " + firstLine(bytes));
    }

    private static String firstLine(ByteBuffer bytes) {
        String text = AttackerNet.ascii(bytes.array(), bytes.position());
        int end = text.indexOf('\r');
        return (end < 0 ? text : text.substring(0, end)).strip();
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
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
