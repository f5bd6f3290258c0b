package parley.server.media.inspect;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the scans of a JPEG (its start-of-scan segments) by walking its markers, without decoding
 * anything: a cheap pass over the bytes that runs before a decoder is given the file.
 *
 * <p>Why: a progressive JPEG may repeat a tiny scan thousands of times, and a decoder redoes work
 * for every scan, so a 250 KB file can cost minutes of CPU. Real progressive pictures (cameras,
 * phones, web encoders) have about 10 scans; a file with many more is refused from this count.
 *
 * <p>The walk follows what a decoder does: segments are skipped by their lengths (so a JPEG
 * thumbnail inside an EXIF segment is not counted), and between segments, in entropy-coded data or
 * in garbage, the next marker is found by searching for a {@code 0xFF} that is not byte stuffing,
 * fill or a restart marker. It stops at the end-of-image marker, at the end of the stream, or as
 * soon as the count passes the given bound. Stateless and thread-safe.
 */
public final class JpegScans {
    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;
    private static final int END = -1;

    private JpegScans() {
    }

    /**
     * The number of scans of the JPEG at the start of {@code in}, or {@code stopAbove + 1} as soon as
     * it has more than {@code stopAbove}; 0 when it does not start like a JPEG.
     */
    public static int count(InputStream in, int stopAbove) throws IOException {
        InputStream bytes = new BufferedInputStream(in, 64 * 1024);
        if (bytes.read() != 0xff || bytes.read() != SOI) {
            return 0;
        }
        int scans = 0;
        while (true) {
            int marker = nextMarker(bytes);
            if (marker == END || marker == EOI) {
                return scans;
            }
            if (marker == SOI) {
                continue;
            }
            int high = bytes.read();
            int low = bytes.read();
            if (low < 0) {
                return scans;
            }
            int length = (high << 8) | low;
            if (marker == SOS && ++scans > stopAbove) {
                return scans;
            }
            try {
                bytes.skipNBytes(Math.max(0, length - 2));
            } catch (EOFException e) {
                return scans;
            }
        }
    }

    /** The next marker's code, skipping anything that is not one; {@link #END} at the end of the stream. */
    private static int nextMarker(InputStream bytes) throws IOException {
        int b = bytes.read();
        while (true) {
            while (b != 0xff) {
                if (b < 0) {
                    return END;
                }
                b = bytes.read();
            }
            while (b == 0xff) {
                b = bytes.read();
            }
            if (b < 0) {
                return END;
            }
            if (b != 0x00 && b != 0x01 && !(b >= 0xd0 && b <= 0xd7)) {
                return b;
            }
            b = bytes.read();
        }
    }
}
