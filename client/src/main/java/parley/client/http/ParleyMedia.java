package parley.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import parley.client.ParleyException;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.api.UploadStatus;
import parley.protocol.model.MediaRef;

/**
 * Uploads and downloads media. {@link #upload} sends a file in chunks, each streamed from the file
 * (never whole in memory); when a chunk fails (a dropped connection, a server restart) it asks
 * where the upload stands and resumes from there, up to {@code attempts} times in a row. Downloads
 * read the whole file, a byte range of it, or its thumbnail. Thread-safe and stateless.
 */
public final class ParleyMedia {
    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final ParleyHttp api;
    private final JsonCodec codec;

    public ParleyMedia(HttpClient http, URI base, Duration timeout, ParleyHttp api, JsonCodec codec) {
        this.http = Objects.requireNonNull(http, "http");
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        this.api = api;
        this.codec = codec;
    }

    /**
     * Uploads a file and completes it: the media to send with {@code sendMedia}. {@code type} is the
     * claimed content type (may be null); {@code progress} hears the bytes stored so far.
     */
    public MediaRef upload(String token, Path file, String type, int attempts, LongConsumer progress) {
        long size = size(file);
        UploadStatus status = api.startUpload(token, size, file.getFileName().toString(), type);
        return resume(token, file, status, attempts, progress);
    }

    /** Continues an upload from where the server says it stands, then completes it. */
    public MediaRef resume(String token, Path file, UploadStatus status, int attempts, LongConsumer progress) {
        int failures = 0;
        while (status.offset() < status.size()) {
            long length = Math.min(status.chunkBytes(), status.size() - status.offset());
            try {
                status = putChunk(token, status.uploadId(), file, status.offset(), length);
                failures = 0;
                progress.accept(status.offset());
            } catch (UncheckedIOException e) {
                if (++failures >= attempts) {
                    throw e;
                }
                status = api.uploadStatus(token, status.uploadId());
            }
        }
        return api.completeUpload(token, status.uploadId());
    }

    /** Sends one chunk: bytes {@code [offset, offset + length)} of the file. */
    public UploadStatus putChunk(String token, String uploadId, Path file, long offset, long length) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/media/uploads/" + uploadId + "?offset=" + offset))
                .timeout(timeout.plusSeconds(length / (256 * 1024)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, offset, length)), length))
                .build();
        HttpResponse<byte[]> response = send(request);
        return codec.read(response.body(), UploadStatus.class);
    }

    /** The whole file. */
    public byte[] download(String token, String mediaId) {
        return send(get("/api/media/" + mediaId, token).build()).body();
    }

    /** Bytes {@code [first, last]} of the file (a 206). */
    public byte[] downloadRange(String token, String mediaId, long first, long last) {
        return send(get("/api/media/" + mediaId, token).header("Range", "bytes=" + first + "-" + last).build()).body();
    }

    /** The thumbnail, a JPEG. */
    public byte[] thumbnail(String token, String mediaId) {
        return send(get("/api/media/" + mediaId + "/thumbnail", token).build()).body();
    }

    private HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout.multipliedBy(10))
                .header("Authorization", "Bearer " + token).GET();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted: " + request.uri()));
        }
        if (response.statusCode() / 100 != 2) {
            throw api.failure(response.statusCode(), response.body());
        }
        return response;
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, 0, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** At most {@code left} bytes of a stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(into, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
