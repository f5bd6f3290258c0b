package parley.server.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;

/** Writes HTTP responses: JSON bodies, errors as {@code ErrorResponse}, static files. */
public final class HttpResponses {
    private final JsonCodec codec;

    public HttpResponses(JsonCodec codec) {
        this.codec = codec;
    }

    public void json(ChannelHandlerContext ctx, boolean keepAlive, int status, Object body) {
        byte[] bytes = body == null ? new byte[0] : codec.write(body);
        write(ctx, keepAlive, status, body == null ? null : "application/json", bytes);
    }

    /** {@code 201 Created} with the new resource's path in {@code Location} and a JSON body. */
    public void created(ChannelHandlerContext ctx, boolean keepAlive, String location, Object body) {
        FullHttpResponse response = response(201, "application/json", codec.write(body));
        response.headers().set(HttpHeaderNames.LOCATION, location);
        send(ctx, keepAlive, response);
    }

    public void error(ChannelHandlerContext ctx, boolean keepAlive, ProtocolException e) {
        FullHttpResponse response = response(e.code().httpStatus(), "application/json", codec.write(ErrorMapper.body(e)));
        e.retryAfterMillis().ifPresent(millis -> response.headers().set(HttpHeaderNames.RETRY_AFTER,
                Long.toString((millis + 999) / 1000)));
        send(ctx, keepAlive, response);
    }

    /** An error answer with one extra header (a 416's {@code Content-Range}). */
    public void errorWithHeader(ChannelHandlerContext ctx, boolean keepAlive, ProtocolException e, String header,
                                String value) {
        FullHttpResponse response = response(e.code().httpStatus(), "application/json", codec.write(ErrorMapper.body(e)));
        response.headers().set(header, value);
        send(ctx, keepAlive, response);
    }

    /**
     * Answers with an error and {@code Connection: close}, but closes only after {@code lingerMillis}
     * (or when the client closes first), so a client still sending its request reads the answer.
     */
    public void errorThenClose(ChannelHandlerContext ctx, ProtocolException e, long lingerMillis) {
        FullHttpResponse response = response(e.code().httpStatus(), "application/json", codec.write(ErrorMapper.body(e)));
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response);
        ctx.executor().schedule(() -> ctx.close(), lingerMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** A file of the web client, with the page security headers. */
    public void file(ChannelHandlerContext ctx, boolean keepAlive, String contentType, byte[] body) {
        FullHttpResponse response = response(200, contentType, body);
        response.headers().set("Content-Security-Policy", StaticFiles.CONTENT_SECURITY_POLICY);
        response.headers().set("X-Frame-Options", "DENY");
        response.headers().set("Referrer-Policy", "no-referrer");
        send(ctx, keepAlive, response);
    }

    public void write(ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, byte[] body) {
        send(ctx, keepAlive, response(status, contentType, body));
    }

    private static FullHttpResponse response(int status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
