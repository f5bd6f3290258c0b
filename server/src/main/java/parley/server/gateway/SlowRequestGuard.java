package parley.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * Closes a plain HTTP connection whose client sends too slowly to be serving anyone: a request
 * head not complete within {@link #HEAD_MILLIS} of the connection being free for one (open, and
 * no request of it unanswered), or a body arriving at under {@code minBytesPerSecond} on average
 * once {@link #GRACE_MILLIS} have passed. Dribbling a byte now and then keeps the idle timer quiet
 * (bytes move), so without this a client could hold connections and upload slots for ever at no
 * cost. Time while the server itself holds the body back (its reading paused: the blob store is
 * slow, a request is being answered) does not count against the client. The refusal is
 * {@code 408 idle_timeout}, then the connection is closed.
 *
 * <p>Sits right after the HTTP decoder, so it sees requests as they arrive. WebSockets are not its
 * business: its checks stop once the connection is upgraded. One per connection, confined to its
 * event loop.
 */
public final class SlowRequestGuard extends ChannelInboundHandlerAdapter {
    static final long HEAD_MILLIS = 20_000;
    static final long GRACE_MILLIS = 10_000;
    private static final long CHECK_MILLIS = 1_000;
    private static final long LINGER_MILLIS = 1_000;

    private final RequestPacing pacing;
    private final HttpResponses responses;
    private final long minBytesPerSecond;
    private final Clock clock;
    private ScheduledFuture<?> checks;
    /** When the connection was last free for a new request's head. */
    private long freeSince;
    /** When the request being received started, or -1 between requests. */
    private long receivingSince = -1;
    private long bodyBytes;
    /** Time within the current request while the server held its reading paused. */
    private long excusedMillis;
    private boolean done;

    public SlowRequestGuard(RequestPacing pacing, HttpResponses responses, long minBytesPerSecond, Clock clock) {
        this.pacing = pacing;
        this.responses = responses;
        this.minBytesPerSecond = minBytesPerSecond;
        this.clock = clock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        freeSince = clock.millis();
        if (ctx.channel().isRegistered()) {
            checks = ctx.executor().scheduleAtFixedRate(() -> check(ctx), CHECK_MILLIS, CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!done) {
            if (msg instanceof HttpRequest) {
                receivingSince = clock.millis();
                bodyBytes = 0;
                excusedMillis = 0;
            }
            if (msg instanceof HttpContent content) {
                bodyBytes += content.content().readableBytes();
            }
            if (msg instanceof LastHttpContent) {
                receivingSince = -1;
                freeSince = clock.millis();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    /** One look at the connection; closes it when its client is too slow. */
    void check(ChannelHandlerContext ctx) {
        if (done) {
            return;
        }
        if (pacing.upgraded() || !ctx.channel().isActive()) {
            stop(); // a WebSocket now (its heartbeat rule takes over), or gone
            return;
        }
        long now = clock.millis();
        if (ReadGate.isHeldByServer(ctx.channel())) { // the server, not the client, holds the request back
            excusedMillis += CHECK_MILLIS;
            freeSince = now;
            return;
        }
        if (receivingSince >= 0) {
            long elapsed = now - receivingSince - excusedMillis;
            if (elapsed > GRACE_MILLIS && bodyBytes * 1000 < minBytesPerSecond * (elapsed - GRACE_MILLIS)) {
                refuse(ctx, "the request's body came at under " + minBytesPerSecond + " bytes a second");
            }
        } else if (pacing.awaitingAnswer()) {
            freeSince = now;
        } else if (now - freeSince > HEAD_MILLIS) {
            refuse(ctx, "no complete request within " + HEAD_MILLIS / 1000 + " s");
        }
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        stop();
        responses.errorThenClose(ctx, new ProtocolException(ErrorCode.IDLE_TIMEOUT, why), LINGER_MILLIS);
    }

    private void stop() {
        done = true;
        if (checks != null) {
            checks.cancel(false);
        }
    }
}
