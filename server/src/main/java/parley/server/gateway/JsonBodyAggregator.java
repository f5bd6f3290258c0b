package parley.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * Netty's aggregator, bounded at the configured body size, answering an oversized request with
 * the API's JSON error ({@code body_too_large}, 413) and then closing the connection. The close
 * lingers: a client still writing its body would otherwise get a reset and lose the answer, so the
 * rest of the body is read and dropped (the aggregator discards it) for up to
 * {@link #LINGER_MILLIS} first.
 */
final class JsonBodyAggregator extends HttpObjectAggregator {
    private static final long LINGER_MILLIS = 2_000;

    private final HttpResponses responses;
    private final int maxBody;

    JsonBodyAggregator(int maxBody, HttpResponses responses) {
        super(maxBody);
        this.maxBody = maxBody;
        this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        responses.errorThenClose(ctx, new ProtocolException(ErrorCode.BODY_TOO_LARGE,
                "the request body is over the limit of " + maxBody + " bytes"), LINGER_MILLIS);
    }
}
