package parley.server.media.inspect;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Progressive JPEGs written by ImageIO, and the attack made from one: its smallest scan (a few
 * bytes of an AC scan of a flat picture) repeated many times before the end marker. A decoder that
 * turns every scan into a whole picture spends a full decode per copy.
 */
final class ScanBombs {
    private ScanBombs() {
    }

    /** A real progressive JPEG (ImageIO's standard script of scans) of a flat grey picture. */
    static byte[] progressive(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code jpeg} (progressive) with its smallest scan repeated {@code extraScans} more times. */
    static byte[] withExtraScans(byte[] jpeg, int extraScans) {
        int[] smallest = scans(jpeg).stream().min(Comparator.comparingInt(s -> s[1])).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2);
        for (int i = 0; i < extraScans; i++) {
            out.write(jpeg, smallest[0], smallest[1]);
        }
        out.write(jpeg, jpeg.length - 2, 2);
        return out.toByteArray();
    }

    /** A progressive JPEG of {@code width} x {@code height} with {@code extraScans} more scans than its own. */
    static byte[] bomb(int width, int height, int extraScans) {
        return withExtraScans(progressive(width, height), extraScans);
    }

    /** Where each scan (its SOS segment and its entropy-coded data) starts, and its length. */
    static List<int[]> scans(byte[] jpeg) {
        List<int[]> scans = new ArrayList<>();
        int i = 2;
        while (i < jpeg.length) {
            int marker = jpeg[i + 1] & 0xff;
            if ((jpeg[i] & 0xff) != 0xff || marker == 0xd9) {
                break;
            }
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker != 0xda) {
                i += 2 + length;
                continue;
            }
            int end = i + 2 + length;
            while (!((jpeg[end] & 0xff) == 0xff && isMarker(jpeg[end + 1] & 0xff))) {
                end++;
            }
            scans.add(new int[] {i, end - i});
            i = end;
        }
        return scans;
    }

    private static boolean isMarker(int b) {
        return b != 0x00 && !(b >= 0xd0 && b <= 0xd7);
    }
}
