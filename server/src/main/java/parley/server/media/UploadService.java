package parley.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.CreateUploadRequest;
import parley.protocol.api.UploadStatus;
import parley.server.config.MediaConfig;
import parley.server.media.blob.BlobStore;
import parley.server.config.LimitsConfig;
import parley.server.config.RateLimit;
import parley.server.limits.BucketTable;
import parley.server.quota.StorageQuota;
import parley.server.store.MediaStore;
import parley.server.store.MediaStore.Admission;
import parley.server.store.MediaStore.Upload;

/**
 * Resumable uploads: create one (declared size, name, claimed type), store its chunks one at a time
 * at the offset the server reports, read where it stands, cancel it. A chunk counts only once all its
 * bytes are stored, so a connection cut mid-chunk resumes from the end of the last whole chunk. Only
 * the uploader sees an upload; anyone else gets {@code not_found}. Bounded: the file size, the chunk
 * size, unfinished uploads per user, uploads started per minute per user, and bytes declared per
 * user over the last day (counted by the hour, in the store, so every node sees the same count and
 * a restart forgets nothing; a cancelled or refused upload still counts).
 *
 * <p>Thread-safe: uploads are rows in the store, moved forward by compare-and-set on their offset;
 * the rate of starts is a bounded table of per-user buckets.
 */
public final class UploadService {
    /** The daily upload quota's window, and the buckets it is counted in. */
    static final long DAY_MILLIS = 24 * 3600 * 1000L;
    static final long BUCKET_MILLIS = 3600 * 1000L;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,128}");

    private final MediaStore store;
    private final BlobStore blobs;
    private final MediaConfig config;
    private final MediaIds ids;
    private final Clock clock;
    private final BucketTable<Long> starts;
    private final StorageQuota quota;

    public UploadService(MediaStore store, BlobStore blobs, MediaConfig config, MediaIds ids, StorageQuota quota,
                         Clock clock) {
        this.store = store;
        this.quota = quota;
        this.blobs = blobs;
        this.config = config;
        this.ids = ids;
        this.clock = clock;
        this.starts = new BucketTable<>(new RateLimit(config.uploadsPerMinute(),
                Math.max(1, 60_000L / config.uploadsPerMinute())), LimitsConfig.USERS_TRACKED, clock);
    }

    public UploadStatus create(long userId, CreateUploadRequest request) {
        if (request.size() < 1) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "size must be at least 1 byte");
        }
        if (request.size() > config.maxFileBytes()) {
            throw new ProtocolException(ErrorCode.FILE_TOO_LARGE, "the file is " + request.size()
                    + " bytes; the limit is " + config.maxFileBytes() + " bytes");
        }
        if (request.size() > config.bytesPerUserPerDay()) {
            throw new ProtocolException(ErrorCode.QUOTA_EXCEEDED, "the file is " + request.size()
                    + " bytes, more than the " + config.bytesPerUserPerDay() + " bytes a user may upload in a day");
        }
        Optional<String> claimed = claimedType(request.type());
        long now = clock.millis();
        long wait = starts.take(userId);
        if (wait > 0) {
            throw ProtocolException.rateLimited("too many uploads started; at most " + config.uploadsPerMinute()
                    + " a minute", wait);
        }
        // the quota of stored bytes, before anything of the upload is recorded: a refusal leaves no
        // row and counts no bytes
        quota.requireRoom(userId, request.size());
        Upload upload = new Upload(ids.newUploadId(), userId, request.size(), FileNames.sanitize(request.name()), claimed,
                0, now, now);
        MediaStore.UploadLimits limits = new MediaStore.UploadLimits(config.maxUnfinishedUploads(),
                config.bytesPerUserPerDay(), DAY_MILLIS, BUCKET_MILLIS);
        switch (store.createUpload(upload, limits)) {
            case Admission.Created created -> {
                return status(upload);
            }
            case Admission.TooManyUnfinished tooMany -> throw new ProtocolException(ErrorCode.TOO_MANY_UPLOADS,
                    "at most " + config.maxUnfinishedUploads() + " unfinished uploads at once; complete or cancel one first");
            case Admission.OverBytes over -> throw ProtocolException.rateLimited("uploads of " + over.usedBytes()
                    + " bytes were started in the last 24 hours; with this one of " + request.size()
                    + " bytes that passes the daily limit of " + config.bytesPerUserPerDay() + " bytes",
                    over.retryAt() - now);
        }
    }

    /** Where the caller's upload stands. */
    public UploadStatus status(long userId, String uploadId) {
        return status(owned(userId, uploadId));
    }

    /**
     * Checks that a chunk of {@code length} bytes may be written at {@code offset}, before any of its
     * bytes are read: the upload is the caller's, the offset is where it stands, and the chunk fits.
     */
    public Upload checkChunk(long userId, String uploadId, long offset, long length) {
        Upload upload = owned(userId, uploadId);
        if (offset != upload.received()) {
            throw new ProtocolException(ErrorCode.WRONG_OFFSET, "the upload is at offset " + upload.received()
                    + "; send the chunk from there");
        }
        if (length < 1) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a chunk must carry at least 1 byte");
        }
        if (length > config.chunkBytes()) {
            throw new ProtocolException(ErrorCode.BODY_TOO_LARGE, "a chunk is at most " + config.chunkBytes() + " bytes");
        }
        if (offset + length > upload.size()) {
            throw new ProtocolException(ErrorCode.BODY_TOO_LARGE, "the chunk runs past the declared size of "
                    + upload.size() + " bytes");
        }
        return upload;
    }

    /**
     * Stores a chunk checked by {@link #checkChunk}, reading exactly {@code length} bytes of
     * {@code body}. Throws {@link IOException} when the body ends early (nothing of it is kept).
     */
    public UploadStatus writeChunk(Upload upload, long offset, long length, InputStream body) throws IOException {
        blobs.writePart(upload.id(), offset, length, body);
        if (!store.advanceUpload(upload.id(), offset, offset + length, clock.millis())) {
            throw new ProtocolException(ErrorCode.WRONG_OFFSET, "another chunk was stored at offset " + offset
                    + " meanwhile; ask where the upload stands");
        }
        return status(new Upload(upload.id(), upload.ownerId(), upload.size(), upload.name(), upload.claimedType(),
                offset + length, upload.createdAt(), clock.millis()));
    }

    /** Cancels the caller's upload and drops its bytes. */
    public void cancel(long userId, String uploadId) {
        Upload upload = owned(userId, uploadId);
        discard(upload.id());
    }

    /** Drops an upload and its parts (cancelled, refused, or abandoned). */
    void discard(String uploadId) {
        try {
            blobs.deleteParts(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.deleteUpload(uploadId);
    }

    /** The caller's upload, or {@code not_found} (for another user's upload too). */
    Upload owned(long userId, String uploadId) {
        return find(userId, uploadId).orElseThrow(UploadService::noSuchUpload);
    }

    /** The caller's upload; empty for another user's, a finished one, or none. */
    Optional<Upload> find(long userId, String uploadId) {
        if (!MediaIds.isUploadId(uploadId)) {
            return Optional.empty();
        }
        return store.upload(uploadId).filter(u -> u.ownerId() == userId);
    }

    static ProtocolException noSuchUpload() {
        return new ProtocolException(ErrorCode.NOT_FOUND, "no such upload");
    }

    private UploadStatus status(Upload upload) {
        return new UploadStatus(upload.id(), upload.received(), upload.size(), config.chunkBytes());
    }

    private static Optional<String> claimedType(String type) {
        if (type == null || type.isBlank()) {
            return Optional.empty();
        }
        String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!CONTENT_TYPE.matcher(bare).matches()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "type must be a content type such as image/jpeg");
        }
        return Optional.of(bare);
    }
}
