package parley.server.media.inspect;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the small JPEG that a chat shows for a picture: at most {@link #MAX_SIDE} pixels on the long
 * side, with no EXIF or other metadata (no location leaks), whatever the original carried, turned
 * upright by the original's EXIF orientation.
 *
 * <p>Memory is proportional to the thumbnail, not the picture: the decoder reads every
 * {@code n}-th pixel of every {@code n}-th row ({@link ImageReadParam#setSourceSubsampling}), so a
 * 50-megapixel picture is decoded into about a megapixel. A picture over the pixel limit is refused
 * with an {@link ImageTooLargeException} from its dimensions (the ones given, and the decoder's own
 * reading of the header) before a pixel is decoded.
 *
 * <p>CPU is bounded too. A progressive JPEG is decoded from its final scan only (Java's decoder
 * would otherwise turn every scan into a whole picture, and a file may repeat a tiny scan thousands
 * of times). And every decode has a time budget: past it, the decoder's input fails and the decoder
 * is aborted at its next row, its CPU stops, and the call throws a {@link DecodeTimeoutException}
 * (see {@link DecodeDeadline}).
 *
 * <p>Stateless and thread-safe: each call has its own decoder and encoder. Reads what Java's image
 * decoders read (JPEG, PNG, GIF, BMP); a WebP picture is not readable here and gets no thumbnail
 * ({@link UnreadableImageException}).
 */
public final class Thumbnailer {
    /** The longest side of a thumbnail, in pixels. */
    public static final int MAX_SIDE = 320;
    /** The default pixel limit: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** The default time budget of one decode. */
    public static final Duration DEFAULT_DECODE_BUDGET = Duration.ofSeconds(10);
    private static final float QUALITY = 0.8f;
    /** A progressive pass number past any real picture's last scan: the decoder then outputs the final one only. */
    private static final int FINAL_PASS_ONLY = 1 << 20;

    private final long maxPixels;
    private final Duration decodeBudget;
    private final Clock clock;

    public Thumbnailer() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A thumbnailer that refuses pictures of more than {@code maxPixels} pixels. */
    public Thumbnailer(long maxPixels) {
        this(maxPixels, DEFAULT_DECODE_BUDGET, Clock.systemUTC());
    }

    /**
     * A thumbnailer that refuses pictures of more than {@code maxPixels} pixels and abandons a decode
     * that takes longer than {@code decodeBudget} by {@code clock}.
     */
    public Thumbnailer(long maxPixels, Duration decodeBudget, Clock clock) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("the pixel limit must be positive: " + maxPixels);
        }
        if (decodeBudget.isNegative() || decodeBudget.isZero()) {
            throw new IllegalArgumentException("the decode budget must be positive: " + decodeBudget);
        }
        this.maxPixels = maxPixels;
        this.decodeBudget = decodeBudget;
        this.clock = clock;
    }

    /** Refuses a picture over the pixel limit. */
    public void check(Dimensions dimensions) {
        if (dimensions.pixels() > maxPixels) {
            throw new ImageTooLargeException(dimensions, maxPixels);
        }
    }

    /**
     * The JPEG thumbnail of the picture in {@code image}, whose header said {@code dimensions}.
     *
     * @throws ImageTooLargeException  when the picture has more pixels than the limit
     * @throws UnreadableImageException when no decoder reads it, or its bytes are malformed
     * @throws DecodeTimeoutException   when decoding takes longer than its budget
     */
    public byte[] thumbnail(InputStream image, Dimensions dimensions) throws IOException {
        check(dimensions);
        DecodeDeadline deadline = new DecodeDeadline(clock, decodeBudget);
        BufferedInputStream buffered = new BufferedInputStream(deadline.guard(image), 64 * 1024);
        buffered.mark(ImageHeaderReader.MAX_HEADER_BYTES + 1);
        ExifOrientation orientation = JpegHeader.orientationOf(buffered);
        buffered.reset();
        try (ImageInputStream in = ImageIO.createImageInputStream(buffered)) {
            if (in == null) {
                throw new UnreadableImageException("the picture cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("no decoder reads this picture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                deadline.watch(reader);
                BufferedImage decoded = decodeSubsampled(reader);
                deadline.check();
                return encode(orientation.apply(fit(decoded)));
            } catch (IOException | RuntimeException e) {
                if (e instanceof ImageTooLargeException) {
                    throw e;
                }
                if (deadline.passed()) {
                    throw new DecodeTimeoutException("decoding took longer than its budget of "
                            + decodeBudget.toMillis() + " ms");
                }
                throw new UnreadableImageException("the picture is malformed: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    private BufferedImage decodeSubsampled(ImageReader reader) throws IOException {
        Dimensions actual = new Dimensions(reader.getWidth(0), reader.getHeight(0));
        check(actual);
        int longSide = Math.max(actual.width(), actual.height());
        int step = Math.max(1, longSide / (2 * MAX_SIDE));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        if ("jpeg".equalsIgnoreCase(reader.getFormatName())) {
            param.setSourceProgressivePasses(FINAL_PASS_ONLY, 1);
        }
        return reader.read(0, param);
    }

    /** Scales down (never up) to fit {@link #MAX_SIDE}, onto an opaque RGB image (transparency becomes white). */
    private static BufferedImage fit(BufferedImage decoded) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(decoded.getWidth(), decoded.getHeight()));
        int width = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(decoded.getScaledInstance(width, height, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } finally {
            g.dispose();
        }
        return thumbnail;
    }

    /** A baseline JPEG with no metadata at all beyond the JFIF header every JPEG has. */
    private static byte[] encode(BufferedImage thumbnail) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(thumbnail, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
