package parley.server.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.server.media.inspect.ContentSniffer;
import parley.server.media.inspect.Dimensions;
import parley.server.media.inspect.ImageHeaderReader;
import parley.server.media.inspect.MediaInfo;
import parley.server.media.inspect.MediaType;
import parley.server.media.inspect.Thumbnailer;
import parley.server.media.inspect.VideoProbe;

/**
 * What the upload pipeline asks of a file's bytes, in one place: its type from the first bytes,
 * a picture's dimensions from its header, a thumbnail, and (with ffmpeg installed) a video's or a
 * voice note's dimensions, duration and poster frame. A thumbnail or probe that fails leaves the
 * media without one; it never fails the upload.
 */
public final class MediaInspection {
    private static final Logger LOG = LoggerFactory.getLogger(MediaInspection.class);

    /** A JPEG thumbnail and its size. */
    public record Thumb(byte[] jpeg, Dimensions dimensions) {
    }

    /** What ffmpeg found in a video or audio file. */
    public record Probe(Optional<Dimensions> dimensions, Optional<Long> durationMillis, Optional<Thumb> poster) {
    }

    private final ContentSniffer sniffer = new ContentSniffer();
    private final ImageHeaderReader headers = new ImageHeaderReader();
    private final Thumbnailer thumbnailer;
    private final VideoProbe probe = VideoProbe.onPath();

    public MediaInspection(long maxImagePixels) {
        this.thumbnailer = new Thumbnailer(maxImagePixels);
    }

    public MediaType sniff(InputStream in) throws IOException {
        return sniffer.sniff(in.readNBytes(ContentSniffer.HEAD_BYTES));
    }

    public Optional<Dimensions> dimensions(MediaType type, InputStream in) throws IOException {
        return headers.read(type, in);
    }

    public Optional<Thumb> thumbnail(MediaType type, Dimensions dimensions, InputStream image) {
        try {
            return jpegThumb(thumbnailer.thumbnail(image, dimensions));
        } catch (IOException | RuntimeException e) {
            LOG.info("no thumbnail for a {} of {} x {}: {}", type, dimensions.width(), dimensions.height(), e.toString());
            return Optional.empty();
        }
    }

    public boolean canProbe() {
        return probe.isAvailable();
    }

    public Optional<Probe> probe(Path file, boolean withPoster) {
        try {
            Optional<MediaInfo> info = probe.probe(file);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            Optional<Thumb> poster = withPoster ? probe.poster(file).flatMap(this::jpegThumb) : Optional.empty();
            return Optional.of(new Probe(info.get().dimensions(), info.get().durationMillis(), poster));
        } catch (IOException | RuntimeException e) {
            LOG.info("ffprobe could not read {}: {}", file.getFileName(), e.toString());
            return Optional.empty();
        }
    }

    // a thumbnail's own dimensions, read back from its JPEG header
    private Optional<Thumb> jpegThumb(byte[] jpeg) {
        try {
            return headers.read(MediaType.JPEG, new ByteArrayInputStream(jpeg)).map(d -> new Thumb(jpeg, d));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
