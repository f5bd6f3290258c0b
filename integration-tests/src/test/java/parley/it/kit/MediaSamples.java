package parley.it.kit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Sample files for media tests: real pictures drawn and encoded by ImageIO, files that start with
 * the magic bytes of a video or audio container (the server reads types from bytes; playing them is
 * the client's business), and hand-made headers of decompression bombs.
 */
public final class MediaSamples {
    private MediaSamples() {
    }

    /** A picture of the given size with some shapes, encoded as "png" or "jpeg". */
    public static byte[] picture(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An MP4 file's start (an ftyp box, brand isom) followed by random bytes. */
    public static byte[] mp4(int size, long seed) {
        byte[] box = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        return withHead(box, size, seed);
    }

    /** An Ogg stream's start ("OggS") followed by random bytes: a voice note's container. */
    public static byte[] ogg(int size, long seed) {
        return withHead(new byte[] {'O', 'g', 'g', 'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0}, size, seed);
    }

    /** A PDF's start followed by random bytes. */
    public static byte[] pdf(int size, long seed) {
        return withHead("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1), size, seed);
    }

    /** Random bytes that match no known type. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = 0x01;
        return bytes;
    }

    /** A PNG whose header says width x height, with a small (invalid) body: a decompression bomb's header. */
    public static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 0x01, 0, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A GIF of a few bytes whose logical screen claims width x height. */
    public static byte[] gifHeader(int width, int height) {
        return new byte[] {'G', 'I', 'F', '8', '9', 'a', (byte) width, (byte) (width >> 8), (byte) height,
                (byte) (height >> 8), 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, ';'};
    }

    /** A real progressive JPEG (ImageIO's script of about ten scans) of a flat grey picture. */
    public static byte[] progressiveJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.dispose();
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A scan bomb: a real progressive JPEG of {@code width} x {@code height} whose smallest scan (a
     * few bytes: an AC scan of a flat picture) is repeated {@code extraScans} more times before its
     * end marker. A decoder that makes a whole picture of every scan spends a full decode per copy.
     */
    public static byte[] jpegScanBomb(int width, int height, int extraScans) {
        byte[] jpeg = progressiveJpeg(width, height);
        int smallestAt = -1;
        int smallestLength = Integer.MAX_VALUE;
        int i = 2;
        while (i + 3 < jpeg.length && (jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) != 0xd9) {
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if ((jpeg[i + 1] & 0xff) != 0xda) {
                i += 2 + length;
                continue;
            }
            int end = i + 2 + length;
            while (!((jpeg[end] & 0xff) == 0xff && jpeg[end + 1] != 0 && !((jpeg[end + 1] & 0xff) >= 0xd0
                    && (jpeg[end + 1] & 0xff) <= 0xd7))) {
                end++;
            }
            if (end - i < smallestLength) {
                smallestAt = i;
                smallestLength = end - i;
            }
            i = end;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2);
        for (int n = 0; n < extraScans; n++) {
            out.write(jpeg, smallestAt, smallestLength);
        }
        out.write(jpeg, jpeg.length - 2, 2);
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] withHead(byte[] head, int size, long seed) {
        byte[] bytes = random(size, seed);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
