package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

class ThumbnailerTest {
    private final Thumbnailer thumbnailer = new Thumbnailer();

    @Test
    void aLandscapePictureBecomes320WideKeepingItsShape() throws IOException {
        BufferedImage thumbnail = thumbnail(SampleImages.written("png", 1600, 900), new Dimensions(1600, 900));

        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(180);
    }

    @Test
    void aPortraitPictureBecomes320High() throws IOException {
        BufferedImage thumbnail = thumbnail(SampleImages.written("jpeg", 1000, 3000), new Dimensions(1000, 3000));

        assertThat(thumbnail.getHeight()).isEqualTo(320);
        assertThat(thumbnail.getWidth()).isBetween(105, 108);
    }

    @Test
    void aSmallPictureIsNotEnlarged() throws IOException {
        BufferedImage thumbnail = thumbnail(SampleImages.written("gif", 120, 80), new Dimensions(120, 80));

        assertThat(thumbnail.getWidth()).isEqualTo(120);
        assertThat(thumbnail.getHeight()).isEqualTo(80);
    }

    @Test
    void theThumbnailIsAJpegWithoutTheOriginalsExif() throws IOException {
        byte[] original = SampleImages.jpegWithExif(800, 600);
        assertThat(contains(original, "Exif")).isTrue();

        byte[] thumbnail = thumbnailer.thumbnail(new ByteArrayInputStream(original), new Dimensions(800, 600));

        assertThat(new ContentSniffer().sniff(Arrays.copyOf(thumbnail, 64))).isEqualTo(MediaType.JPEG);
        assertThat(contains(thumbnail, "Exif")).isFalse();
        assertThat(contains(thumbnail, SampleImages.SECRET_LOCATION)).isFalse();
        assertThat(markersBeforeTheFrame(thumbnail)).doesNotContain(0xe1).isSubsetOf(0xe0, 0xdb, 0xc4);
        assertThat(hasExifInMetadata(thumbnail)).isFalse();
    }

    @Test
    void aPngOf30000By30000IsRefusedFromItsHeader() {
        byte[] png = SampleImages.hugePng();

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(png), new Dimensions(30_000, 30_000)))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("30000 x 30000")
                .hasMessageContaining("50000000");
    }

    @Test
    void aTinyGifClaiming65535By65535IsRefusedFromItsHeader() {
        byte[] gif = SampleImages.tinyGif(65_535, 65_535);

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(gif), new Dimensions(65_535, 65_535)))
                .isInstanceOf(ImageTooLargeException.class);
    }

    @Test
    void dimensionsThatUnderstateThePictureDoNotGetItDecoded() {
        byte[] png = SampleImages.hugePng();

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(png), new Dimensions(10, 10)))
                .isInstanceOf(ImageTooLargeException.class);
    }

    @Test
    void thePixelLimitIsTheConstructors() throws IOException {
        Thumbnailer strict = new Thumbnailer(10_000);
        byte[] png = SampleImages.written("png", 101, 100);

        assertThatThrownBy(() -> strict.thumbnail(new ByteArrayInputStream(png), new Dimensions(101, 100)))
                .isInstanceOf(ImageTooLargeException.class)
                .satisfies(e -> assertThat(((ImageTooLargeException) e).maxPixels()).isEqualTo(10_000));
        assertThat(strict.thumbnail(new ByteArrayInputStream(SampleImages.written("png", 100, 100)), new Dimensions(100, 100)))
                .isNotEmpty();
        assertThatThrownBy(() -> new Thumbnailer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedOrUnreadablePictureIsAClearError() {
        byte[] truncated = Arrays.copyOf(SampleImages.written("jpeg", 400, 300), 200);
        byte[] garbage = "not a picture at all".getBytes(StandardCharsets.US_ASCII);
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(truncated), new Dimensions(400, 300)))
                .isInstanceOf(UnreadableImageException.class);
        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(garbage), new Dimensions(10, 10)))
                .isInstanceOf(UnreadableImageException.class);
        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(webp), new Dimensions(10, 10)))
                .isInstanceOf(UnreadableImageException.class);
    }

    private BufferedImage thumbnail(byte[] picture, Dimensions dimensions) throws IOException {
        byte[] jpeg = thumbnailer.thumbnail(new ByteArrayInputStream(picture), dimensions);
        assertThat(new ContentSniffer().sniff(Arrays.copyOf(jpeg, 64))).isEqualTo(MediaType.JPEG);
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static boolean contains(byte[] bytes, String text) {
        byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The markers of the segments between the start of the JPEG and its first frame. */
    private static java.util.Set<Integer> markersBeforeTheFrame(byte[] jpeg) {
        java.util.Set<Integer> markers = new java.util.HashSet<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            if (marker >= 0xc0 && marker <= 0xc3) {
                break;
            }
            markers.add(marker);
            at += 2 + (((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff));
        }
        return markers;
    }

    private static boolean hasExifInMetadata(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node tree = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            return findUnknown(tree);
        }
    }

    private static boolean findUnknown(Node node) {
        if ("unknown".equals(node.getNodeName())) {
            return true;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (findUnknown(child)) {
                return true;
            }
        }
        return false;
    }
}
