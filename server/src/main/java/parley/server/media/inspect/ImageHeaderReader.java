package parley.server.media.inspect;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a picture's width and height from its header, before (and instead of) any decoding: the PNG
 * IHDR chunk, the GIF logical screen, the JPEG start-of-frame segment (found by skipping the
 * segments before it by their lengths), the WebP VP8, VP8L or VP8X chunk. It reads at most
 * {@link #MAX_HEADER_BYTES} bytes and never a pixel, so a picture that claims to be enormous costs
 * nothing to inspect. A header that is malformed, truncated or past that bound gives empty.
 * Stateless and thread-safe.
 */
public final class ImageHeaderReader {
    /** The most bytes read to find the dimensions (JPEG metadata segments before the frame can be large). */
    public static final int MAX_HEADER_BYTES = 1024 * 1024;

    /**
     * The dimensions of a picture of type {@code type} read from {@code in} (from its first byte; it
     * may read a little past the header); empty for other types or a bad header.
     */
    public Optional<Dimensions> read(MediaType type, InputStream in) throws IOException {
        HeaderBytes bytes = new HeaderBytes(new BufferedInputStream(in, 8192), MAX_HEADER_BYTES);
        try {
            return switch (type) {
                case PNG -> png(bytes);
                case GIF -> gif(bytes);
                case JPEG -> jpeg(bytes);
                case WEBP -> webp(bytes);
                default -> Optional.empty();
            };
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    private static Optional<Dimensions> png(HeaderBytes in) throws IOException {
        in.skip(8);
        in.skip(4);
        if (!in.ascii(4).equals("IHDR")) {
            return Optional.empty();
        }
        return dimensions(in.int32(), in.int32());
    }

    private static Optional<Dimensions> gif(HeaderBytes in) throws IOException {
        in.skip(6);
        return dimensions(in.uint16le(), in.uint16le());
    }

    private static Optional<Dimensions> jpeg(HeaderBytes in) throws IOException {
        if (in.uint8() != 0xff || in.uint8() != 0xd8) {
            return Optional.empty();
        }
        while (true) {
            if (in.uint8() != 0xff) {
                return Optional.empty();
            }
            int marker = in.uint8();
            while (marker == 0xff) {
                marker = in.uint8();
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue;
            }
            if (marker == 0xd9 || marker == 0xda || marker == 0x00) {
                return Optional.empty();
            }
            int length = in.uint16();
            if (length < 2) {
                return Optional.empty();
            }
            if (isStartOfFrame(marker)) {
                in.skip(1);
                int height = in.uint16();
                int width = in.uint16();
                return dimensions(width, height);
            }
            in.skip(length - 2);
        }
    }

    /** SOF0 to SOF15 but for DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static Optional<Dimensions> webp(HeaderBytes in) throws IOException {
        if (!in.ascii(4).equals("RIFF")) {
            return Optional.empty();
        }
        in.skip(4);
        if (!in.ascii(4).equals("WEBP")) {
            return Optional.empty();
        }
        String chunk = in.ascii(4);
        in.skip(4);
        return switch (chunk) {
            case "VP8 " -> {
                in.skip(3);
                if (in.uint8() != 0x9d || in.uint8() != 0x01 || in.uint8() != 0x2a) {
                    yield Optional.empty();
                }
                yield dimensions(in.uint16le() & 0x3fff, in.uint16le() & 0x3fff);
            }
            case "VP8L" -> {
                if (in.uint8() != 0x2f) {
                    yield Optional.empty();
                }
                long bits = in.uint16le() | ((long) in.uint16le() << 16);
                yield dimensions((int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1);
            }
            case "VP8X" -> {
                in.skip(4);
                yield dimensions(in.uint24le() + 1, in.uint24le() + 1);
            }
            default -> Optional.empty();
        };
    }

    private static Optional<Dimensions> dimensions(long width, long height) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Dimensions((int) width, (int) height));
    }
}
