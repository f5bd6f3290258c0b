package parley.server.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.config.MediaConfig;
import parley.server.media.inspect.ContentSniffer;
import parley.server.media.inspect.Dimensions;
import parley.server.media.inspect.ImageHeaderReader;
import parley.server.media.inspect.JpegScans;
import parley.server.media.inspect.MediaInfo;
import parley.server.media.inspect.MediaType;
import parley.server.media.inspect.Thumbnailer;
import parley.server.media.inspect.VideoProbe;

/**
 * What the upload pipeline asks of a file's bytes, in one place: its type from the first bytes,
 * a picture's dimensions from its header, a thumbnail, and (with ffmpeg installed) a video's or a
 * voice note's dimensions, duration and poster frame. A thumbnail or probe that fails, or runs
 * past its time budget, leaves the media without one; it never fails the upload. A JPEG of too many
 * scans is refused before any decoding ({@link #checkScans}).
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
    private final VideoProbe probe;
    private final int maxJpegScans;

    public MediaInspection(Thumbnailer thumbnailer, VideoProbe probe, int maxJpegScans) {
        this.thumbnailer = thumbnailer;
        this.probe = probe;
        this.maxJpegScans = maxJpegScans;
    }

    /** The inspection a node runs with these settings: ffmpeg from the PATH, the decode budget by {@code clock}. */
    public static MediaInspection of(MediaConfig config, Clock clock) {
        return new MediaInspection(
                new Thumbnailer(config.maxImagePixels(), Duration.ofSeconds(config.decodeSeconds()), clock),
                VideoProbe.onPath(Duration.ofSeconds(config.ffmpegSeconds()), config.maxFfmpegProcesses()),
                config.maxJpegScans());
    }

    public MediaType sniff(InputStream in) throws IOException {
        return sniffer.sniff(in.readNBytes(ContentSniffer.HEAD_BYTES));
    }

    public Optional<Dimensions> dimensions(MediaType type, InputStream in) throws IOException {
        return headers.read(type, in);
    }

    /**
     * Refuses a JPEG of more scans than the limit ({@code image_too_large}), from a walk over its
     * bytes; other types pass. Run it before anything decodes the picture.
     */
    public void checkScans(MediaType type, InputStream in) throws IOException {
        if (type != MediaType.JPEG) {
            return;
        }
        int scans = JpegScans.count(in, maxJpegScans);
        if (scans > maxJpegScans) {
            throw new ProtocolException(ErrorCode.IMAGE_TOO_LARGE, "the picture is a JPEG of more than " + maxJpegScans
                    + " scans, too costly to decode; save it again (any editor writes about 10)");
        }
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
            Optional<Thumb> poster = withPoster
                    ? probe.poster(file, info.get().durationMillis().orElse(0L)).flatMap(this::jpegThumb)
                    : Optional.empty();
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
