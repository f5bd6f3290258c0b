package parley.server.media.inspect;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What a JPEG's segments before its first frame say: the stored width and height (from the
 * start-of-frame segment, found by skipping the others by their lengths) and the EXIF orientation
 * (from an APP1 segment). No pixel is read.
 */
record JpegHeader(Dimensions stored, ExifOrientation orientation) {

    /** The size the picture is seen at, once turned upright. */
    Dimensions upright() {
        return orientation.apply(stored);
    }

    /** The EXIF orientation of the JPEG at the start of {@code in}; upright when it is not a JPEG or says none. */
    static ExifOrientation orientationOf(InputStream in) throws IOException {
        try {
            return read(new HeaderBytes(in, ImageHeaderReader.MAX_HEADER_BYTES)).map(JpegHeader::orientation)
                    .orElse(ExifOrientation.NORMAL);
        } catch (EOFException e) {
            return ExifOrientation.NORMAL;
        }
    }

    static Optional<JpegHeader> read(HeaderBytes in) throws IOException {
        if (in.uint8() != 0xff || in.uint8() != 0xd8) {
            return Optional.empty();
        }
        ExifOrientation orientation = ExifOrientation.NORMAL;
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
                ExifOrientation found = orientation;
                return ImageHeaderReader.dimensions(width, height).map(stored -> new JpegHeader(stored, found));
            }
            if (marker == 0xe1 && orientation == ExifOrientation.NORMAL) {
                orientation = ExifOrientation.of(in.bytes(length - 2));
            } else {
                in.skip(length - 2);
            }
        }
    }

    /** SOF0 to SOF15 but for DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }
}
