package parley.server.media.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;
import parley.server.auth.AccountService;
import parley.server.auth.AuthenticatedDevice;
import parley.server.gateway.ErrorMapper;
import parley.server.gateway.HttpResponses;
import parley.server.gateway.HttpRouter;
import parley.server.media.MediaAccess;
import parley.server.media.blob.BlobStore;
import parley.server.store.MediaStore.StoredMedia;

/**
 * Serves media: {@code GET|HEAD /api/media/{id}} (the file) and {@code /api/media/{id}/thumbnail},
 * to the uploader and the members of a chat it was sent in (anyone else gets the 404 of an id that
 * does not exist), with single byte ranges (206, 416), a strong ETag (the content address) and
 * {@code If-None-Match}/{@code If-Range}, {@code nosniff}, {@code Cache-Control: private}, and
 * {@code Content-Disposition: attachment} for anything that is not a picture, video or audio.
 * {@code POST /api/media/cookie} turns a bearer token into an HttpOnly, SameSite=Strict cookie
 * scoped to {@code /api/media}, for {@code <img>} and {@code <video>}, which cannot send headers;
 * {@code DELETE} clears it.
 *
 * <p>Each download runs on a transfer thread and streams the blob in {@link #CHUNK_BYTES} pieces,
 * waiting for each write to reach the socket whenever the channel is not writable, so a slow reader
 * holds at most a few chunks in memory.
 */
public final class MediaDownloads {
    public static final String PREFIX = "/api/media/";
    public static final String COOKIE = "parley_media";
    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloads.class);
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final long WRITE_WAIT_SECONDS = 60;

    private final AccountService accounts;
    private final MediaAccess access;
    private final BlobStore blobs;
    private final TransferExecutor transfers;
    private final HttpResponses responses;
    private final boolean secureCookie;

    public MediaDownloads(AccountService accounts, MediaAccess access, BlobStore blobs, TransferExecutor transfers,
                          HttpResponses responses, boolean secureCookie) {
        this.accounts = accounts;
        this.access = access;
        this.blobs = blobs;
        this.transfers = transfers;
        this.responses = responses;
        this.secureCookie = secureCookie;
    }

    /** Whether this handles the path (everything under /api/media/ but uploads). */
    public static boolean handles(String path) {
        return path.startsWith(PREFIX) && !path.startsWith(ChunkUploadHandler.PREFIX) && !path.equals("/api/media/uploads");
    }

    /** What a download needs of the request, copied before Netty releases it. */
    private record Request(String method, String path, HttpHeaders headers, boolean keepAlive) {
        Optional<String> header(CharSequence name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** Called on the event loop; the work runs on a transfer thread. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest http, String path) {
        Request request = new Request(http.method().name(), path, http.headers().copy(), HttpUtil.isKeepAlive(http));
        try {
            transfers.execute(() -> {
                try {
                    serve(ctx, request);
                } catch (RuntimeException e) {
                    responses.error(ctx, request.keepAlive(), ErrorMapper.toProtocol(e));
                }
            });
        } catch (RejectedExecutionException e) {
            responses.error(ctx, request.keepAlive(), ErrorMapper.toProtocol(e));
        }
    }

    private void serve(ChannelHandlerContext ctx, Request request) {
        String[] parts = request.path().substring(PREFIX.length()).split("/", -1);
        if (parts.length == 1 && parts[0].equals("cookie")) {
            cookie(ctx, request);
            return;
        }
        boolean thumbnail = parts.length == 2 && parts[1].equals("thumbnail");
        if (parts.length > 2 || parts.length == 2 && !thumbnail) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "use GET");
        }
        AuthenticatedDevice device = caller(request);
        StoredMedia media = access.readable(device.userId(), parts[0])
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no such media"));
        if (thumbnail) {
            String key = media.thumbKey().orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND,
                    "this media has no thumbnail"));
            long size = size(key);
            send(ctx, request, key, size, "image/jpeg", "inline; filename=\"thumbnail.jpg\"", head);
        } else {
            MediaRef ref = media.ref();
            send(ctx, request, media.blobKey(), ref.size(), ref.contentType(), disposition(ref), head);
        }
    }

    private AuthenticatedDevice caller(Request request) {
        Optional<String> token = HttpRouter.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (token.isEmpty()) {
            token = request.header(HttpHeaderNames.COOKIE).flatMap(header -> ServerCookieDecoder.STRICT.decode(header)
                    .stream().filter(c -> c.name().equals(COOKIE)).map(Cookie::value).findFirst());
        }
        return accounts.require(token.orElse(null));
    }

    private void cookie(ChannelHandlerContext ctx, Request request) {
        DefaultCookie cookie;
        if (request.method().equals("POST")) {
            String token = HttpRouter.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION)).orElse(null);
            accounts.require(token);
            cookie = new DefaultCookie(COOKIE, token);
        } else if (request.method().equals("DELETE")) {
            cookie = new DefaultCookie(COOKIE, "");
            cookie.setMaxAge(0);
        } else {
            throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "use POST or DELETE");
        }
        cookie.setPath("/api/media");
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookie);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        HttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie));
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(response, 0);
        finish(ctx, request, ctx.writeAndFlush(response));
    }

    private long size(String key) {
        try {
            return blobs.size(key).orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no such media"));
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "the media store cannot be reached; retry");
        }
    }

    private void send(ChannelHandlerContext ctx, Request request, String key, long size, String contentType,
                      String disposition, boolean head) {
        String etag = "\"" + key + "\"";
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.ETAG, etag);
        headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        headers.set(HttpHeaderNames.CACHE_CONTROL, "private");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
        if (request.header(HttpHeaderNames.IF_NONE_MATCH).filter(tags -> matches(tags, etag)).isPresent()) {
            response.setStatus(HttpResponseStatus.NOT_MODIFIED);
            HttpUtil.setContentLength(response, 0);
            finish(ctx, request, ctx.writeAndFlush(toFull(response)));
            return;
        }
        boolean rangeApplies = request.header(HttpHeaderNames.IF_RANGE).map(etag::equals).orElse(true);
        ByteRange.Request asked = rangeApplies ? ByteRange.parse(request.header(HttpHeaderNames.RANGE), size)
                : new ByteRange.Whole();
        ByteRange range = new ByteRange(0, size - 1);
        switch (asked) {
            case ByteRange.Unsatisfiable ignored -> {
                ProtocolException error = new ProtocolException(ErrorCode.RANGE_NOT_SATISFIABLE,
                        "the range is not within the file's " + size + " bytes");
                responses.errorWithHeader(ctx, request.keepAlive(), error, HttpHeaderNames.CONTENT_RANGE.toString(),
                        "bytes */" + size);
                return;
            }
            case ByteRange.Part part -> {
                range = part.range();
                response.setStatus(HttpResponseStatus.PARTIAL_CONTENT);
                headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
            }
            case ByteRange.Whole ignored -> {
            }
        }
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.set(HttpHeaderNames.CONTENT_DISPOSITION, disposition);
        HttpUtil.setContentLength(response, range.length());
        if (head || range.length() == 0) {
            finish(ctx, request, ctx.writeAndFlush(toFull(response)));
            return;
        }
        stream(ctx, request, response, key, range);
    }

    private void stream(ChannelHandlerContext ctx, Request request, HttpResponse response, String key, ByteRange range) {
        InputStream in;
        try {
            in = blobs.open(key, range.first(), range.length());
        } catch (IOException e) {
            LOG.warn("media blob {} cannot be read: {}", key, e.toString());
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "the media store cannot be reached; retry");
        }
        try (in) {
            ctx.writeAndFlush(response);
            long left = range.length();
            while (left > 0) {
                byte[] chunk = in.readNBytes((int) Math.min(CHUNK_BYTES, left));
                if (chunk.length == 0) {
                    throw new IOException("the blob ended " + left + " bytes early");
                }
                left -= chunk.length;
                ChannelFuture written = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
                if (!ctx.channel().isWritable() && !written.await(WRITE_WAIT_SECONDS, TimeUnit.SECONDS)
                        || !ctx.channel().isActive()) {
                    ctx.close();
                    return;
                }
            }
            finish(ctx, request, ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
        } catch (IOException e) {
            LOG.warn("streaming media blob {} failed: {}", key, e.toString());
            ctx.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
        }
    }

    private static void finish(ChannelHandlerContext ctx, Request request, ChannelFuture last) {
        if (!request.keepAlive()) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static DefaultFullHttpResponse toFull(HttpResponse response) {
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                Unpooled.EMPTY_BUFFER);
        full.headers().set(response.headers());
        return full;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Pictures, videos and audio may show inline; anything else is only ever downloaded. */
    static String disposition(MediaRef ref) {
        boolean inline = ref.kind() == MessageKind.IMAGE || ref.kind() == MessageKind.VIDEO
                || ref.kind() == MessageKind.VOICE;
        return (inline ? "inline" : "attachment") + "; " + ContentDisposition.filename(ref.name());
    }
}
