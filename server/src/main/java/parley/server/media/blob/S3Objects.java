package parley.server.media.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The few S3 calls the blob store makes, on one bucket, with the SDK's exceptions turned into the
 * ones {@link BlobStore} promises: an absent object is a {@link NoSuchFileException}, a body that
 * ends early an {@link EOFException}, a range outside an object an {@link IllegalArgumentException},
 * any other failure an {@link IOException}. Thread-safe: it holds the thread-safe client, and each
 * streamed body gets a spool file of its own.
 */
final class S3Objects {
    /** A byte range of an object. */
    record Range(long offset, long length) {
    }

    /** Larger objects cannot be copied in one request; they are copied in pieces. */
    private static final long LARGEST_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PIECE = 1024L * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    private final Path spool;

    S3Objects(S3Client s3, String bucket, Path spool) {
        this.s3 = s3;
        this.bucket = bucket;
        this.spool = spool;
    }

    void put(String key, byte[] bytes) throws IOException {
        call(key, () -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));
    }

    /** Stores exactly {@code length} bytes of {@code in} as object {@code key}; nothing is stored if it ends sooner. */
    void put(String key, InputStream in, long length) throws IOException {
        streamed(key, in, length, body -> s3.putObject(b -> b.bucket(bucket).key(key), body));
    }

    List<S3Object> list(String prefix) throws IOException {
        return call(prefix, () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().toList());
    }

    InputStream get(String key, Optional<Range> range) throws IOException {
        ResponseInputStream<GetObjectResponse> in = call(key, () -> s3.getObject(b -> {
            b.bucket(bucket).key(key);
            range.ifPresent(r -> b.range("bytes=" + r.offset() + "-" + (r.offset() + r.length() - 1)));
        }));
        if (range.isPresent() && in.response().contentLength() != range.get().length()) {
            in.abort();
            throw new IllegalArgumentException("range " + range.get().offset() + "+" + range.get().length()
                    + " is outside the object " + key);
        }
        return in;
    }

    Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(call(key, () -> s3.headObject(b -> b.bucket(bucket).key(key))).contentLength());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void copy(String from, String to, long size) throws IOException {
        if (size <= LARGEST_SINGLE_COPY) {
            call(to, () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)));
            return;
        }
        String multipart = startMultipart(to);
        try {
            List<CompletedPart> pieces = new ArrayList<>();
            for (long done = 0; done < size; done += COPY_PIECE) {
                int number = pieces.size() + 1;
                String range = "bytes=" + done + "-" + (Math.min(done + COPY_PIECE, size) - 1);
                String etag = call(to, () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from)
                        .destinationBucket(bucket).destinationKey(to).uploadId(multipart)
                        .partNumber(number).copySourceRange(range))).copyPartResult().eTag();
                pieces.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            completeMultipart(to, multipart, pieces);
        } catch (IOException | RuntimeException e) {
            abortMultipart(to, multipart);
            throw e;
        }
    }

    void delete(String key) throws IOException {
        try {
            call(key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    void deleteAll(List<ObjectIdentifier> keys) throws IOException {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(from + DELETE_BATCH, keys.size()));
            call(bucket, () -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true))));
        }
    }

    String startMultipart(String key) throws IOException {
        return call(key, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key))).uploadId();
    }

    CompletedPart uploadPiece(String key, String multipart, int number, InputStream in, long length) throws IOException {
        String etag = streamed(key, in, length, body -> s3.uploadPart(b -> b.bucket(bucket).key(key)
                .uploadId(multipart).partNumber(number), body)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    void completeMultipart(String key, String multipart, List<CompletedPart> pieces) throws IOException {
        call(key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(multipart)
                .multipartUpload(CompletedMultipartUpload.builder().parts(pieces).build())));
    }

    void abortMultipart(String key, String multipart) {
        try {
            call(key, () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(multipart)));
        } catch (IOException | RuntimeException e) {
            // the bucket's lifecycle rule for incomplete multipart uploads removes it later
        }
    }

    /**
     * Sends exactly {@code length} bytes of {@code in}, first copied into a file of the spool folder:
     * a body read from a file can be sent again when the SDK retries (a stale connection, a 503), a
     * body read from a network stream cannot. The file is deleted once sent. A stream that ends early
     * is an {@link EOFException} and nothing is sent.
     */
    private <T> T streamed(String key, InputStream in, long length, Function<RequestBody, T> request) throws IOException {
        Path spooled = Files.createTempFile(spool, "s3-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(spooled)) {
                new ExactLengthStream(in, length, false).transferTo(out);
            }
            return call(key, () -> request.apply(RequestBody.fromFile(spooled)));
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private <T> T call(String key, Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            if (e.statusCode() == 416) {
                throw new IllegalArgumentException("range outside the object " + key, e);
            }
            throw new IOException("S3 request on " + key + " failed with status " + e.statusCode() + ": "
                    + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 request on " + key + " failed: " + e.getMessage(), e);
        }
    }
}
