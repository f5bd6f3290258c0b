package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundBackpressureTest {
    /** Counts the read requests that get past the gate to the socket. */
    private static final class Reads extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void read(ChannelHandlerContext ctx) {
            count++;
            ctx.read();
        }
    }

    private final Reads reads = new Reads();

    private EmbeddedChannel channel(long maxPending, long maxUnwritableMillis) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(100, 1000));
        channel.pipeline().addLast(reads, new ReadGate(), new OutboundBackpressure(maxPending, maxUnwritableMillis));
        return channel;
    }

    private static void drop(EmbeddedChannel channel) {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(out);
        }
    }

    @Test
    void stopsReadingWhileTheOutputIsBackedUpAndReadsAgainOnceItDrains() {
        EmbeddedChannel channel = channel(1_000_000, 60_000);
        channel.write(Unpooled.wrappedBuffer(new byte[2000])); // not flushed: waiting to be written

        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();
        int before = reads.count;
        channel.read(); // what Netty's WebSocket handler does after answering a ping
        assertThat(reads.count).as("a read asked for while backed up is held back").isEqualTo(before);

        channel.flush();
        drop(channel);
        assertThat(channel.isWritable()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.read();
        assertThat(reads.count).isGreaterThan(before);
    }

    @Test
    void closesAConnectionPastTheHardBoundOfUnwrittenOutput() {
        EmbeddedChannel channel = channel(10_000, 60_000);
        channel.write(Unpooled.wrappedBuffer(new byte[6000]));
        assertThat(channel.isActive()).isTrue();
        channel.write(Unpooled.wrappedBuffer(new byte[6000]));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void closesAConnectionWhoseOutputStaysBackedUpTooLong() {
        EmbeddedChannel channel = channel(1_000_000, 60_000);
        channel.freezeTime();
        channel.write(Unpooled.wrappedBuffer(new byte[2000]));
        channel.advanceTimeBy(59, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void outputThatDrainsInTimeDoesNotCloseTheConnection() {
        EmbeddedChannel channel = channel(1_000_000, 60_000);
        channel.freezeTime();
        channel.write(Unpooled.wrappedBuffer(new byte[2000]));
        channel.advanceTimeBy(30, TimeUnit.SECONDS);
        channel.flush();
        drop(channel);
        channel.advanceTimeBy(60, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();
    }
}
