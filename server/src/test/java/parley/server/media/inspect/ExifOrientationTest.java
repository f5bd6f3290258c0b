package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    @Test
    void readsTheTagInBothByteOrders() {
        assertThat(ExifOrientation.of(app1("MM", new byte[] {0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0})))
                .isEqualTo(ExifOrientation.ROTATE_90);
        assertThat(ExifOrientation.of(app1("II", new byte[] {1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0})))
                .isEqualTo(ExifOrientation.ROTATE_270);
    }

    @Test
    void anythingElseIsUpright() {
        assertThat(ExifOrientation.of(new byte[0])).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of("http://ns.adobe.com/xap/1.0/\0<x/>".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(app1("MM", new byte[] {0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 9, 0, 0})))
                .isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(app1("MM", new byte[] {(byte) 0xff, (byte) 0xff})))
                .isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(app1("XX", new byte[14]))).isEqualTo(ExifOrientation.NORMAL);
    }

    @Test
    void eachOrientationMovesTheTopLeftPixelWhereItBelongs() {
        // a 3 x 2 picture, black but for a white top-left pixel
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, 0xffffff);

        assertThat(whitePixel(ExifOrientation.NORMAL.apply(stored))).isEqualTo("0,0 of 3x2");
        assertThat(whitePixel(ExifOrientation.MIRROR.apply(stored))).isEqualTo("2,0 of 3x2");
        assertThat(whitePixel(ExifOrientation.ROTATE_180.apply(stored))).isEqualTo("2,1 of 3x2");
        assertThat(whitePixel(ExifOrientation.FLIP.apply(stored))).isEqualTo("0,1 of 3x2");
        assertThat(whitePixel(ExifOrientation.TRANSPOSE.apply(stored))).isEqualTo("0,0 of 2x3");
        assertThat(whitePixel(ExifOrientation.ROTATE_90.apply(stored))).isEqualTo("1,0 of 2x3");
        assertThat(whitePixel(ExifOrientation.TRANSVERSE.apply(stored))).isEqualTo("1,2 of 2x3");
        assertThat(whitePixel(ExifOrientation.ROTATE_270.apply(stored))).isEqualTo("0,2 of 2x3");
    }

    private static String whitePixel(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0xffffff) {
                    return x + "," + y + " of " + image.getWidth() + "x" + image.getHeight();
                }
            }
        }
        return "none";
    }

    private static byte[] app1(String order, byte[] ifd) {
        byte[] header = ("Exif\0\0" + order).getBytes(StandardCharsets.ISO_8859_1);
        byte[] magic = order.equals("II") ? new byte[] {0x2a, 0, 8, 0, 0, 0} : new byte[] {0, 0x2a, 0, 0, 0, 8};
        byte[] all = new byte[header.length + magic.length + ifd.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(magic, 0, all, header.length, magic.length);
        System.arraycopy(ifd, 0, all, header.length + magic.length, ifd.length);
        return all;
    }
}
