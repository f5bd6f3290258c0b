package parley.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;
import parley.server.config.MediaConfig;
import parley.server.media.blob.BlobStore;
import parley.server.media.inspect.Dimensions;
import parley.server.media.inspect.MediaType;
import parley.server.quota.StorageQuota;
import parley.server.store.MediaStore;
import parley.server.store.MediaStore.StoredMedia;
import parley.server.store.MediaStore.Upload;

/**
 * Finishes an upload into a media: finds its type from its first bytes and checks the client's
 * claim against them; for a picture reads its dimensions from the header alone and refuses one over
 * the pixel limit, or a JPEG of too many scans, before anything is decoded; joins the parts into one content-addressed blob;
 * makes the thumbnail (pictures; videos when ffmpeg is installed) and reads durations; records the
 * media. A refused upload keeps nothing: its parts and row are dropped.
 *
 * <p>Idempotent for the upload's owner: the media's id is derived from the upload's
 * ({@link MediaIds#mediaIdOf}), so completing an upload that is already finished answers the same
 * media (a client whose answer was lost retries); anyone else still gets {@code not_found}. A
 * refusal is final: the upload is gone, and a retry gets {@code not_found}.
 *
 * <p>Blocking and slow for big files (it streams the whole file once or twice): run it off the event
 * loop. Thread-safe. Completions of one upload on this node run once: a second that comes while the
 * first runs waits for it and gets its answer (a map of completions in flight, each removed by the
 * thread that added it). Two nodes completing one upload at once both make the same media id; the
 * store keeps the first, and the second answers it (or, when it finds the parts gone,
 * {@code upload_incomplete} unless the media is recorded by then).
 */
public final class UploadCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(UploadCompletion.class);

    private final UploadService uploads;
    private final MediaStore store;
    private final BlobStore blobs;
    private final MediaInspection inspection;
    private final MediaConfig config;
    private final Clock clock;
    private final StorageQuota quota;
    private final Map<String, CompletableFuture<MediaRef>> inFlight = new ConcurrentHashMap<>();

    public UploadCompletion(UploadService uploads, MediaStore store, BlobStore blobs, MediaInspection inspection,
                            MediaConfig config, StorageQuota quota, Clock clock) {
        this.quota = quota;
        this.uploads = uploads;
        this.store = store;
        this.blobs = blobs;
        this.inspection = inspection;
        this.config = config;
        this.clock = clock;
    }

    /** The media made from the caller's upload, made now or by an earlier completion. */
    public MediaRef complete(long userId, String uploadId) {
        if (uploads.find(userId, uploadId).isEmpty()) {
            return finished(userId, uploadId).orElseThrow(UploadService::noSuchUpload);
        }
        CompletableFuture<MediaRef> mine = new CompletableFuture<>();
        CompletableFuture<MediaRef> running = inFlight.putIfAbsent(uploadId, mine);
        if (running != null) {
            return await(running);
        }
        try {
            MediaRef ref = completeOnce(userId, uploadId);
            mine.complete(ref);
            return ref;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(uploadId, mine);
        }
    }

    /** The media an earlier completion made from the caller's upload, if any. */
    private Optional<MediaRef> finished(long userId, String uploadId) {
        if (!MediaIds.isUploadId(uploadId)) {
            return Optional.empty();
        }
        return store.media(MediaIds.mediaIdOf(uploadId)).filter(m -> m.ownerId() == userId).map(StoredMedia::ref);
    }

    // the caller owns the upload (checked before joining): it gets the same answer as the first
    private static MediaRef await(CompletableFuture<MediaRef> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private MediaRef completeOnce(long userId, String uploadId) {
        Optional<Upload> found = uploads.find(userId, uploadId);
        if (found.isEmpty()) {
            return finished(userId, uploadId).orElseThrow(UploadService::noSuchUpload);
        }
        Upload upload = found.get();
        if (!upload.complete()) {
            throw new ProtocolException(ErrorCode.UPLOAD_INCOMPLETE, upload.received() + " of " + upload.size()
                    + " bytes are stored; send the rest first");
        }
        try {
            return finish(upload);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.UPLOAD_INCOMPLETE) {
                Optional<MediaRef> done = finished(userId, uploadId);
                if (done.isPresent()) {
                    return done.get();
                }
            } else {
                uploads.discard(upload.id());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MediaRef finish(Upload upload) throws IOException {
        MediaType type;
        try (InputStream head = blobs.openParts(upload.id())) {
            type = inspection.sniff(head);
        } catch (IllegalStateException e) {
            throw incomplete();
        }
        MediaKinds.Reading reading = MediaKinds.read(type, upload.claimedType());
        Optional<Dimensions> dimensions = Optional.empty();
        if (reading.kind() == MessageKind.IMAGE) {
            dimensions = Optional.of(imageDimensions(upload, type));
        }
        BlobStore.Blob blob;
        try {
            blob = blobs.assemble(upload.id());
        } catch (IllegalStateException e) {
            throw incomplete();
        }
        Optional<MediaInspection.Thumb> thumb = Optional.empty();
        Optional<Long> duration = Optional.empty();
        if (reading.kind() == MessageKind.IMAGE) {
            try (InputStream image = blobs.open(blob.key(), 0, blob.size())) {
                thumb = inspection.thumbnail(type, dimensions.get(), image);
            }
        } else if ((reading.kind() == MessageKind.VIDEO || reading.kind() == MessageKind.VOICE) && inspection.canProbe()) {
            Optional<MediaInspection.Probe> probe = probe(blob, reading.kind() == MessageKind.VIDEO);
            if (probe.isPresent()) {
                duration = probe.get().durationMillis();
                dimensions = reading.kind() == MessageKind.VIDEO ? probe.get().dimensions() : Optional.empty();
                thumb = probe.get().poster();
            }
        }
        Optional<String> thumbKey = Optional.empty();
        if (thumb.isPresent()) {
            thumbKey = Optional.of(blobs.put(thumb.get().jpeg()).key());
        }
        MediaRef ref = new MediaRef(MediaIds.mediaIdOf(upload.id()), reading.kind(), reading.contentType(), upload.name(), blob.size(),
                dimensions.map(Dimensions::width).orElse(null), dimensions.map(Dimensions::height).orElse(null),
                duration.orElse(null),
                thumb.map(t -> new MediaRef.Thumbnail(t.dimensions().width(), t.dimensions().height())).orElse(null));
        if (!store.completeUpload(upload.id(), new StoredMedia(ref, upload.ownerId(), blob.key(), thumbKey,
                clock.millis()))) {
            return store.media(ref.mediaId()).map(StoredMedia::ref).orElse(ref);
        }
        quota.add(upload.ownerId(), ref.size());
        return ref;
    }

    private Dimensions imageDimensions(Upload upload, MediaType type) throws IOException {
        Optional<Dimensions> read;
        try (InputStream header = blobs.openParts(upload.id())) {
            read = inspection.dimensions(type, header);
        }
        Dimensions dimensions = read.orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_MEDIA,
                "the picture's header cannot be read"));
        if (dimensions.pixels() > config.maxImagePixels()) {
            throw new ProtocolException(ErrorCode.IMAGE_TOO_LARGE, "the picture is " + dimensions.width() + " x "
                    + dimensions.height() + " pixels; the limit is " + config.maxImagePixels() + " pixels");
        }
        try (InputStream whole = blobs.openParts(upload.id())) {
            inspection.checkScans(type, whole);
        }
        return dimensions;
    }

    // ffmpeg reads a file: the blob is copied to a temporary one (the S3 store has no local file)
    private Optional<MediaInspection.Probe> probe(BlobStore.Blob blob, boolean poster) throws IOException {
        Path temp = Files.createTempFile("parley-probe-", ".media");
        try {
            try (InputStream in = blobs.open(blob.key(), 0, blob.size())) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return inspection.probe(temp, poster);
        } catch (RuntimeException e) {
            LOG.warn("could not probe media {}: {}", blob.key(), e.toString());
            return Optional.empty();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ProtocolException incomplete() {
        return new ProtocolException(ErrorCode.UPLOAD_INCOMPLETE,
                "the upload's bytes are not all stored (a chunk was lost or is being completed); upload it again");
    }
}
