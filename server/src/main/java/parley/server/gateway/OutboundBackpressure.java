package parley.server.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading a connection whose output backs up, so a client that sends without reading the
 * answers (pipelined requests, WebSocket pings whose pongs pile up, a download it never takes)
 * cannot make the node queue output without end: once the channel is not writable (past its
 * high water mark) the connection stops reading, and reads again when its output drains below the
 * low water mark. TCP then slows the client down.
 *
 * <p>Two hard stops close the connection outright: more than {@code maxPendingBytes} of output not
 * yet written (output other threads push without asking, such as a session's frames, is bounded
 * by their own rules first; this is the last line), or output that stayed unwritable for
 * {@code maxUnwritableMillis} (a peer that stopped reading altogether).
 *
 * <p>Sits nearest the socket, after the {@link ReadGate}, so it sees every write. Confined to the
 * channel's event loop (Netty runs every handler method there).
 */
public final class OutboundBackpressure extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundBackpressure.class);

    private final long maxPendingBytes;
    private final long maxUnwritableMillis;
    private ScheduledFuture<?> unwritableTimeout;

    public OutboundBackpressure(long maxPendingBytes, long maxUnwritableMillis) {
        this.maxPendingBytes = maxPendingBytes;
        this.maxUnwritableMillis = maxUnwritableMillis;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingBytes && ctx.channel().isActive()) {
            LOG.debug("closing {}: {} bytes of output not written", ctx.channel(), buffer.totalPendingWriteBytes());
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            cancelTimeout();
            ReadGate.resume(ctx.channel(), ReadGate.Reason.OUTPUT_BACKLOG);
        } else {
            ReadGate.pause(ctx.channel(), ReadGate.Reason.OUTPUT_BACKLOG);
            if (unwritableTimeout == null) {
                unwritableTimeout = ctx.executor().schedule(() -> {
                    unwritableTimeout = null;
                    if (!ctx.channel().isWritable()) {
                        LOG.debug("closing {}: its output stayed backed up for {} ms", ctx.channel(), maxUnwritableMillis);
                        ctx.close();
                    }
                }, maxUnwritableMillis, TimeUnit.MILLISECONDS);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void cancelTimeout() {
        if (unwritableTimeout != null) {
            unwritableTimeout.cancel(false);
            unwritableTimeout = null;
        }
    }
}
