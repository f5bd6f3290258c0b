package parley.server.chat;

import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.server.cluster.ClusterBus;
import parley.server.store.AdvanceResult;
import parley.server.store.AppendResult;

/**
 * Pushes committed messages and moved watermarks to every session of every member, through the
 * cluster bus. Each frame is encoded once, whatever the number of recipients.
 */
public final class Fanout {
    private final ClusterBus bus;
    private final JsonCodec codec;

    public Fanout(ClusterBus bus, JsonCodec codec) {
        this.bus = bus;
        this.codec = codec;
    }

    public void message(AppendResult.Stored stored) {
        bus.deliver(stored.members(), codec.encodeBytes(new ServerFrame.Message(stored.message())));
    }

    public void watermark(AdvanceResult.Moved moved) {
        ServerFrame frame = new ServerFrame.Watermark(moved.chatId(), moved.userId(), moved.delivered(), moved.read(),
                moved.at());
        bus.deliver(moved.members(), codec.encodeBytes(frame));
    }
}
