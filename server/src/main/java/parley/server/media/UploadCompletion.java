package parley.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
 * <p>Blocking and slow for big files (it streams the whole file once or twice): run it off the event
 * loop. Completing one upload twice at once is safe: the second finds no parts and is refused.
 */
public final class UploadCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(UploadCompletion.class);

    private final UploadService uploads;
    private final MediaStore store;
    private final BlobStore blobs;
    private final MediaInspection inspection;
    private final MediaConfig config;
    private final MediaIds ids;
    private final Clock clock;

    public UploadCompletion(UploadService uploads, MediaStore store, BlobStore blobs, MediaInspection inspection,
                            MediaConfig config, MediaIds ids, Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.blobs = blobs;
        this.inspection = inspection;
        this.config = config;
        this.ids = ids;
        this.clock = clock;
    }

    public MediaRef complete(long userId, String uploadId) {
        Upload upload = uploads.owned(userId, uploadId);
        if (!upload.complete()) {
            throw new ProtocolException(ErrorCode.UPLOAD_INCOMPLETE, upload.received() + " of " + upload.size()
                    + " bytes are stored; send the rest first");
        }
        try {
            return finish(upload);
        } catch (ProtocolException e) {
            if (e.code() != ErrorCode.UPLOAD_INCOMPLETE) {
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
        MediaRef ref = new MediaRef(ids.newMediaId(), reading.kind(), reading.contentType(), upload.name(), blob.size(),
                dimensions.map(Dimensions::width).orElse(null), dimensions.map(Dimensions::height).orElse(null),
                duration.orElse(null),
                thumb.map(t -> new MediaRef.Thumbnail(t.dimensions().width(), t.dimensions().height())).orElse(null));
        store.completeUpload(upload.id(), new StoredMedia(ref, upload.ownerId(), blob.key(), thumbKey, clock.millis()));
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
