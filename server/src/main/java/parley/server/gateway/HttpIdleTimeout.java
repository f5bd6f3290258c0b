package parley.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a plain HTTP connection that is idle: no byte moved in either direction for the idle
 * time (the idle timer's "all idle", which counts output the client is still taking as movement)
 * and the server is not working on one of its requests. A request received whole and not yet
 * answered (an API call waiting for a pool, a held long poll, an upload chunk being stored, a
 * download being streamed) and an upload body waiting for the blob store keep the connection; a
 * client that stops in the middle of sending a request does not.
 *
 * <p>WebSocket connections are not its business (after the upgrade it ignores the timer's events):
 * their own handler closes one silent for three heartbeats. One per connection, on its event loop.
 */
public final class HttpIdleTimeout extends ChannelInboundHandlerAdapter {
    private final RequestPacing pacing;

    public HttpIdleTimeout(RequestPacing pacing) {
        this.pacing = pacing;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.ALL_IDLE) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!pacing.upgraded() && !busy(ctx)) {
            ctx.close();
        }
    }

    private boolean busy(ChannelHandlerContext ctx) {
        return pacing.awaitingAnswer()
                || ReadGate.isPausedFor(ctx.channel(), ReadGate.Reason.BODY_BACKLOG)
                || ReadGate.isPausedFor(ctx.channel(), ReadGate.Reason.SESSION_SETUP);
    }
}
