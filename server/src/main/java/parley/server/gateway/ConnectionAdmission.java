package parley.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import parley.protocol.ProtocolException;

/**
 * Admits a new connection against the {@link ConnectionLimits}, or refuses it cheaply: a refused
 * connection's first HTTP request is answered {@code 429 rate_limited} with a retry hint and the
 * connection closed; nothing it sends reaches the router; and it is closed after
 * {@link #REFUSAL_MILLIS} whatever it does. When too many refused connections are waiting for that
 * already (a flood), further ones are closed at once without an answer.
 *
 * <p>One per connection, confined to its event loop; counts once in {@code channelActive} and
 * uncounts once in {@code channelInactive}, so the shared counts stay exact. Sits right after the
 * HTTP codec, so that the refusal is an HTTP answer.
 */
public final class ConnectionAdmission extends ChannelInboundHandlerAdapter {
    static final long REFUSAL_MILLIS = 2_000;
    static final long RETRY_AFTER_MILLIS = 5_000;

    private final ConnectionLimits limits;
    private final ClientAddresses addresses;
    private final HttpResponses responses;
    private String address;
    private boolean exempt;
    private boolean admitted;
    private boolean refused;
    private boolean answered;
    private ConnectionLimits.Admission decision;

    public ConnectionAdmission(ConnectionLimits limits, ClientAddresses addresses, HttpResponses responses) {
        this.limits = limits;
        this.addresses = addresses;
        this.responses = responses;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        address = ClientAddresses.peer(ctx.channel());
        exempt = addresses.isTrustedProxy(ctx.channel());
        decision = limits.open(address, exempt);
        if (decision == ConnectionLimits.Admission.ADMITTED) {
            admitted = true;
            ctx.fireChannelActive();
            return;
        }
        if (!limits.startRefusal()) {
            ctx.close();
            return;
        }
        refused = true;
        ctx.executor().schedule(() -> ctx.close(), REFUSAL_MILLIS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!refused) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        if (msg instanceof HttpRequest && !answered) {
            answered = true;
            ReadGate.pause(ctx.channel(), ReadGate.Reason.REFUSED);
            responses.error(ctx, false, ProtocolException.rateLimited(decision == ConnectionLimits.Admission.NODE_FULL
                    ? "this node has no room for more connections; retry later or elsewhere"
                    : "too many connections from your address; close some and retry", RETRY_AFTER_MILLIS));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            admitted = false;
            limits.close(address, exempt);
        } else if (refused) {
            limits.endRefusal();
        }
        ctx.fireChannelInactive();
    }

    /** Whether this connection was refused (its requests are answered 429). */
    boolean refused() {
        return refused;
    }
}
