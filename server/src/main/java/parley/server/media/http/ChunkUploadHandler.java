package parley.server.media.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.UploadStatus;
import parley.server.auth.AccountService;
import parley.server.auth.AuthenticatedDevice;
import parley.server.gateway.ErrorMapper;
import parley.server.gateway.HttpResponses;
import parley.server.gateway.HttpRouter;
import parley.server.media.UploadService;
import parley.server.store.MediaStore.Upload;

/**
 * Streams {@code PUT /api/media/uploads/{id}?offset=N} chunks straight into the blob store, ahead of
 * the body aggregator (which would hold a body whole). The request line and headers are checked on a
 * transfer thread (token, upload, offset, size) before a byte is stored; the body then flows through
 * a bounded {@link BodyStream}. Any other request passes on untouched.
 *
 * <p>Confined to its channel's event loop, one request at a time; the transfer thread only reads the
 * stream and writes the response. A refused chunk is answered at once and the connection closed after
 * a short linger, so the client reads the answer instead of a reset; a connection cut mid-chunk stores
 * nothing of that chunk.
 */
public final class ChunkUploadHandler extends ChannelInboundHandlerAdapter {
    public static final String PREFIX = "/api/media/uploads/";
    private static final Logger LOG = LoggerFactory.getLogger(ChunkUploadHandler.class);
    private static final long LINGER_MILLIS = 2_000;

    private final AccountService accounts;
    private final UploadService uploads;
    private final TransferExecutor transfers;
    private final HttpResponses responses;
    private BodyStream body;

    public ChunkUploadHandler(AccountService accounts, UploadService uploads, TransferExecutor transfers,
                              HttpResponses responses) {
        this.accounts = accounts;
        this.uploads = uploads;
        this.transfers = transfers;
        this.responses = responses;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && isChunk(request)) {
            try {
                start(ctx, request);
                if (msg instanceof HttpContent content) {
                    feed(content);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        } else if (msg instanceof HttpContent content && body != null) {
            try {
                feed(content);
            } finally {
                content.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private static boolean isChunk(HttpRequest request) {
        return request.method().equals(HttpMethod.PUT) && request.uri().startsWith(PREFIX);
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        BodyStream stream = new BodyStream(ctx.channel());
        body = stream;
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String uploadId = uri.path().substring(PREFIX.length());
        String token = HttpRouter.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION)).orElse(null);
        long length = HttpUtil.getContentLength(request, -1L);
        List<String> offsets = uri.parameters().get("offset");
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        try {
            transfers.execute(() -> store(ctx, keepAlive, stream, uploadId, token, offsets, length));
        } catch (RejectedExecutionException e) {
            stream.close();
            responses.errorThenClose(ctx, ErrorMapper.toProtocol(e), LINGER_MILLIS);
        }
    }

    private void feed(HttpContent content) {
        BodyStream stream = body;
        stream.offer(content.content().retain());
        if (content instanceof LastHttpContent) {
            stream.end();
            body = null;
        }
    }

    // on a transfer thread
    private void store(ChannelHandlerContext ctx, boolean keepAlive, BodyStream stream, String uploadId, String token,
                       List<String> offsets, long length) {
        try (stream) {
            AuthenticatedDevice device = accounts.require(token);
            if (length < 0) {
                throw new ProtocolException(ErrorCode.LENGTH_REQUIRED, "a chunk needs a Content-Length header");
            }
            long offset = offset(offsets);
            Upload upload = uploads.checkChunk(device.userId(), uploadId, offset, length);
            UploadStatus status = uploads.writeChunk(upload, offset, length, stream);
            responses.json(ctx, keepAlive, 200, status);
        } catch (EOFException e) {
            LOG.debug("upload {}: the chunk ended early ({}); nothing of it was kept", uploadId, e.getMessage());
            ctx.close();
        } catch (IOException e) {
            LOG.warn("upload {}: storing a chunk failed: {}", uploadId, e.toString());
            refuse(ctx, keepAlive, stream, new ProtocolException(ErrorCode.UNAVAILABLE,
                    "the chunk could not be stored; send it again"));
        } catch (RuntimeException e) {
            refuse(ctx, keepAlive, stream, ErrorMapper.toProtocol(e));
        }
    }

    private void refuse(ChannelHandlerContext ctx, boolean keepAlive, BodyStream stream, ProtocolException e) {
        if (stream.drained()) {
            responses.error(ctx, keepAlive, e);
        } else {
            responses.errorThenClose(ctx, e, LINGER_MILLIS);
        }
    }

    private static long offset(List<String> offsets) {
        if (offsets == null || offsets.size() != 1) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "give the chunk's offset: ?offset=N");
        }
        try {
            long offset = Long.parseLong(offsets.getFirst());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "offset must be a whole number of at least 0");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.fail(new EOFException("the connection closed before the chunk was complete"));
            body = null;
        }
        ctx.fireChannelInactive();
    }
}
