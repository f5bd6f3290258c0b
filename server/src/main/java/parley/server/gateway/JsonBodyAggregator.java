package parley.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * Netty's aggregator, bounded at the configured body size, answering an oversized request with
 * the API's JSON error ({@code body_too_large}, 413) and closing the connection, since the rest of
 * the body cannot be trusted to arrive as framed.
 */
final class JsonBodyAggregator extends HttpObjectAggregator {
    private final HttpResponses responses;
    private final int maxBody;

    JsonBodyAggregator(int maxBody, HttpResponses responses) {
        super(maxBody);
        this.maxBody = maxBody;
        this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        responses.error(ctx, false, new ProtocolException(ErrorCode.BODY_TOO_LARGE,
                "the request body is over the limit of " + maxBody + " bytes"));
    }
}
