package parley.server.chat;

import java.time.Clock;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.server.cluster.ClusterBus;
import parley.server.store.AdvanceResult;
import parley.server.store.AppendResult;

/**
 * Pushes committed messages and moved watermarks to every session of every member, through the
 * cluster bus. Each frame is encoded once, whatever the number of recipients. The watermarks of a
 * chat with more than {@code coalesceMembers} members are coalesced by a {@link ReceiptCoalescer}:
 * at most one batch per chat per second.
 */
public final class Fanout {
    static final long COALESCE_WINDOW_MILLIS = 1000;

    private final ClusterBus bus;
    private final JsonCodec codec;
    private final int coalesceMembers;
    private final ReceiptCoalescer coalescer;

    /** A fan-out that pushes every watermark at once. */
    public Fanout(ClusterBus bus, JsonCodec codec) {
        this(bus, codec, Integer.MAX_VALUE, Clock.systemUTC());
    }

    public Fanout(ClusterBus bus, JsonCodec codec, int coalesceMembers, Clock clock) {
        this.bus = bus;
        this.codec = codec;
        this.coalesceMembers = coalesceMembers;
        this.coalescer = new ReceiptCoalescer(COALESCE_WINDOW_MILLIS, clock, this::pushWatermark);
    }

    public void message(AppendResult.Stored stored) {
        bus.deliver(stored.members(), codec.encodeBytes(new ServerFrame.Message(stored.message())));
    }

    public void watermark(AdvanceResult.Moved moved) {
        if (moved.members().size() > coalesceMembers) {
            coalescer.offer(moved);
        } else {
            pushWatermark(moved);
        }
    }

    private void pushWatermark(AdvanceResult.Moved moved) {
        ServerFrame frame = new ServerFrame.Watermark(moved.chatId(), moved.userId(), moved.delivered(), moved.read(),
                moved.at());
        bus.deliver(moved.members(), codec.encodeBytes(frame));
    }
}
