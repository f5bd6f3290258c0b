package parley.server.media.inspect;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a camera says its picture must be turned to be seen upright: the EXIF orientation tag, 1 to 8.
 * Phones store pictures as the sensor saw them and set this tag, so a picture taken upright in
 * portrait is often stored sideways with orientation 6. Browsers turn the full picture by it; the
 * thumbnail (which carries no EXIF) must be turned the same way, and the dimensions reported for it
 * are the turned ones.
 */
enum ExifOrientation {
    NORMAL, MIRROR, ROTATE_180, FLIP, TRANSPOSE, ROTATE_90, TRANSVERSE, ROTATE_270;

    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ORIENTATION_TAG = 0x0112;

    /** The orientation in an APP1 segment's payload, or {@link #NORMAL} when it is not EXIF or has none. */
    static ExifOrientation of(byte[] app1) {
        if (app1.length < EXIF.length + 8 || !Arrays.equals(app1, 0, EXIF.length, EXIF, 0, EXIF.length)) {
            return NORMAL;
        }
        ByteBuffer tiff = ByteBuffer.wrap(app1, EXIF.length, app1.length - EXIF.length).slice();
        if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (tiff.get(0) != 'M' || tiff.get(1) != 'M') {
            return NORMAL;
        }
        long ifd = Integer.toUnsignedLong(tiff.getInt(4));
        if (ifd + 2 > tiff.limit()) {
            return NORMAL;
        }
        int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
        for (int i = 0; i < entries; i++) {
            int at = (int) ifd + 2 + i * 12;
            if (at + 12 > tiff.limit()) {
                return NORMAL;
            }
            if (Short.toUnsignedInt(tiff.getShort(at)) == ORIENTATION_TAG) {
                int value = Short.toUnsignedInt(tiff.getShort(at + 8));
                return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
            }
        }
        return NORMAL;
    }

    /** Whether turning swaps width and height. */
    boolean swapsSides() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    Dimensions apply(Dimensions stored) {
        return swapsSides() ? new Dimensions(stored.height(), stored.width()) : stored;
    }

    /** The picture turned upright. */
    BufferedImage apply(BufferedImage stored) {
        if (this == NORMAL) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        BufferedImage upright = swapsSides()
                ? new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB)
                : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = stored.getRGB(x, y);
                switch (this) {
                    case MIRROR -> upright.setRGB(w - 1 - x, y, rgb);
                    case ROTATE_180 -> upright.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case FLIP -> upright.setRGB(x, h - 1 - y, rgb);
                    case TRANSPOSE -> upright.setRGB(y, x, rgb);
                    case ROTATE_90 -> upright.setRGB(h - 1 - y, x, rgb);
                    case TRANSVERSE -> upright.setRGB(h - 1 - y, w - 1 - x, rgb);
                    case ROTATE_270 -> upright.setRGB(y, w - 1 - x, rgb);
                    default -> upright.setRGB(x, y, rgb);
                }
            }
        }
        return upright;
    }
}
