package parley.server.media.inspect;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Pictures made by the tests: real ones written by ImageIO, and headers crafted byte by byte. */
final class SampleImages {
    static final String SECRET_LOCATION = "GPS 48.8584 N 2.2945 E";

    private SampleImages() {
    }

    /** A real picture of {@code width} x {@code height}, a gradient, in {@code format} ("png", "jpeg", "gif", "bmp"). */
    static byte[] written(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A real JPEG with an EXIF APP1 segment (carrying a location) right after its start marker. */
    static byte[] jpegWithExif(int width, int height) {
        byte[] jpeg = written("jpeg", width, height);
        byte[] payload = ("Exif\0\0MM\0*\0\0\0\b" + SECRET_LOCATION).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The signature and IHDR chunk of a PNG claiming {@code width} x {@code height}, followed by nothing else. */
    static byte[] pngHeader(long width, long height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        writeInt(ihdr, width);
        writeInt(ihdr, height);
        ihdr.writeBytes(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        return out.toByteArray();
    }

    /** A whole, valid PNG claiming 30,000 x 30,000 pixels: its one IDAT holds a single row, the rest is missing. */
    static byte[] hugePng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pngHeader(30_000, 30_000));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(data)) {
            deflate.write(new byte[1 + 30_000 * 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(out, "IDAT", data.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A GIF of a few dozen bytes whose logical screen claims {@code width} x {@code height}. */
    static byte[] tinyGif(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.write(width & 0xff);
        out.write(width >> 8);
        out.write(height & 0xff);
        out.write(height >> 8);
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        out.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, (byte) (width & 0xff), (byte) (width >> 8),
                (byte) (height & 0xff), (byte) (height >> 8), 0});
        out.writeBytes(new byte[] {2, 2, 0x44, 0x01, 0, 0x3b});
        return out.toByteArray();
    }

    /**
     * Streams a real PNG of {@code width} x {@code height} RGB pixels (a gradient) to {@code out}, one
     * row at a time, so a picture of tens of megapixels is made without holding it.
     */
    static void streamPng(OutputStream out, int width, int height) throws IOException {
        out.write(pngHeader(width, height));
        ChunkedIdat idat = new ChunkedIdat(out);
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
            byte[] row = new byte[1 + width * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    row[1 + x * 3] = (byte) (x * 255 / width);
                    row[2 + x * 3] = (byte) (y * 255 / height);
                    row[3 + x * 3] = (byte) 128;
                }
                deflate.write(row);
            }
        }
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        chunk(end, "IEND", new byte[0]);
        out.write(end.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        writeInt(out, data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(out, crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        out.write((int) (value >> 24) & 0xff);
        out.write((int) (value >> 16) & 0xff);
        out.write((int) (value >> 8) & 0xff);
        out.write((int) value & 0xff);
    }

    /** Writes what it is given as IDAT chunks (one per write), for a streamed PNG. */
    private static final class ChunkedIdat extends OutputStream {
        private final DataOutputStream out;

        ChunkedIdat(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            byte[] data = new byte[length];
            System.arraycopy(bytes, offset, data, 0, length);
            SampleImages.chunk(chunk, "IDAT", data);
            out.write(chunk.toByteArray());
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
