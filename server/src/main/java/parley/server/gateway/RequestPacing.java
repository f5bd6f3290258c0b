package parley.server.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one HTTP request in flight per connection: once a request has been received whole, the
 * connection stops reading until its answer has been written to the socket. A client that pipelines
 * requests without reading the answers therefore costs one answer, not one per request.
 *
 * <p>Netty's HTTP decoder may already have decoded several pipelined requests from one read; those
 * wait here, in order, and are passed on one at a time. More than {@link #MAX_WAITING_REQUESTS}
 * waiting requests (a client sending far ahead of what it reads) close the connection. A request's
 * body still flows while the request is being received (an upload reads its body in pieces); an
 * answer written early (a refusal before the body is complete) counts as written. After a WebSocket
 * upgrade ({@code 101}) the stage steps aside: frames have rules of their own.
 *
 * <p>Also tells the idle timer whether the server is working on a request
 * ({@link #awaitingAnswer()}): such a connection is busy, not idle.
 *
 * <p>Confined to the channel's event loop: answers written from other threads reach
 * {@link #write} on it, and their completion is seen there too.
 */
public final class RequestPacing extends ChannelDuplexHandler {
    static final int MAX_WAITING_REQUESTS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(RequestPacing.class);

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private int waitingRequests;
    /** Requests begun and not yet answered (an early answer may come before the body is complete). */
    private int unanswered;
    /** A request was received whole and is not answered yet: nothing more is passed on. */
    private boolean holding;
    private boolean upgraded;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Whether a request was received whole and the server has not finished answering it. */
    public boolean awaitingAnswer() {
        return holding;
    }

    /** Whether the connection is now a WebSocket. */
    public boolean upgraded() {
        return upgraded;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (upgraded || !(msg instanceof HttpRequest) && !(msg instanceof HttpContent)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (holding || !waiting.isEmpty()) {
            waiting.add(msg);
            if (msg instanceof HttpRequest && ++waitingRequests > MAX_WAITING_REQUESTS) {
                LOG.debug("closing {}: over {} pipelined requests waiting", ctx.channel(), MAX_WAITING_REQUESTS);
                discardWaiting();
                ctx.close();
            }
            return;
        }
        pass(msg);
    }

    private void pass(Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
        }
        if (msg instanceof LastHttpContent && unanswered > 0) {
            holding = true;
            ReadGate.pause(ctx.channel(), ReadGate.Reason.REQUEST_IN_FLIGHT);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!upgraded && msg instanceof HttpResponse response
                && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            upgraded = true;
            unanswered = 0;
            ctx.write(msg, promise);
            answered();
            return;
        }
        boolean interim = msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (upgraded || interim || !(msg instanceof LastHttpContent)) {
            ctx.write(msg, promise);
            return;
        }
        ChannelPromise tracked = promise.unvoid();
        tracked.addListener(future -> {
            unanswered = Math.max(0, unanswered - 1);
            if (unanswered == 0) {
                answered();
            }
        });
        ctx.write(msg, tracked);
    }

    /** The request in flight is answered: pass the next waiting one on (on a fresh loop turn). */
    private void answered() {
        ctx.executor().execute(() -> {
            if (holding && (upgraded || unanswered == 0)) {
                holding = false;
                ReadGate.resume(ctx.channel(), ReadGate.Reason.REQUEST_IN_FLIGHT);
            }
            while (!holding && !waiting.isEmpty() && ctx.channel().isActive()) {
                Object next = waiting.poll();
                if (next instanceof HttpRequest) {
                    waitingRequests--;
                }
                if (upgraded) {
                    ctx.fireChannelRead(next);
                } else {
                    pass(next);
                }
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardWaiting();
    }

    private void discardWaiting() {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        waitingRequests = 0;
    }
}
