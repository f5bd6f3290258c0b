package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImageHeaderReaderTest {
    private final ImageHeaderReader reader = new ImageHeaderReader();

    @Test
    void readsTheSizeOfRealPictures() throws IOException {
        assertThat(read(MediaType.PNG, SampleImages.written("png", 123, 45))).contains(new Dimensions(123, 45));
        assertThat(read(MediaType.JPEG, SampleImages.written("jpeg", 77, 301))).contains(new Dimensions(77, 301));
        assertThat(read(MediaType.GIF, SampleImages.written("gif", 640, 1))).contains(new Dimensions(640, 1));
    }

    @Test
    void aPngClaiming30000By30000IsReadFromItsHeaderAlone() throws IOException {
        byte[] png = SampleImages.hugePng();
        CountingStream in = new CountingStream(png);

        assertThat(reader.read(MediaType.PNG, in)).contains(new Dimensions(30_000, 30_000));
        assertThat(png.length).isLessThan(1024);
    }

    @Test
    void aTinyGifClaiming65535By65535IsReadAsSuch() throws IOException {
        byte[] gif = SampleImages.tinyGif(65_535, 65_535);

        assertThat(gif.length).isLessThan(64);
        assertThat(read(MediaType.GIF, gif)).contains(new Dimensions(65_535, 65_535));
    }

    @Test
    void jpegSegmentsBeforeTheFrameAreSkippedByTheirLength() throws IOException {
        assertThat(read(MediaType.JPEG, SampleImages.jpegWithExif(200, 100))).contains(new Dimensions(200, 100));
    }

    @Test
    void aMalformedJpegHasNoDimensions() throws IOException {
        byte[] jpeg = SampleImages.written("jpeg", 50, 50);

        assertThat(read(MediaType.JPEG, new byte[] {(byte) 0xff, (byte) 0xd8, 0x12, 0x34, 0x56})).isEmpty();
        assertThat(read(MediaType.JPEG, Arrays.copyOf(jpeg, 30))).isEmpty();
        assertThat(read(MediaType.JPEG, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 1})).isEmpty();
        assertThat(read(MediaType.JPEG, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 8})).isEmpty();
        assertThat(read(MediaType.JPEG, new byte[0])).isEmpty();
    }

    @Test
    void aJpegFrameWithZeroHeightHasNoDimensions() throws IOException {
        byte[] sof = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xc0, 0, 11, 8, 0, 0, 0, 10, 1, 1, 0x11, 0};
        assertThat(read(MediaType.JPEG, sof)).isEmpty();
    }

    @Test
    void aHeaderPastTheBoundIsNotSearchedFurther() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        byte[] comment = new byte[65_533];
        for (int i = 0; i < 20; i++) {
            out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xff, (byte) 0xff});
            out.writeBytes(comment);
        }
        byte[] jpeg = SampleImages.written("jpeg", 10, 10);
        out.write(jpeg, 2, jpeg.length - 2);
        CountingStream in = new CountingStream(out.toByteArray());

        assertThat(reader.read(MediaType.JPEG, in)).isEmpty();
        assertThat(in.count.get()).isLessThanOrEqualTo(ImageHeaderReader.MAX_HEADER_BYTES + 8192);
    }

    @Test
    void readsTheThreeKindsOfWebp() throws IOException {
        byte[] lossy = webp("VP8 ", new byte[] {0, 0, 0, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x07, 0x38, 0x04});
        // VP8L: 14 bits of width - 1 then 14 bits of height - 1: 400 x 300
        long bits = 399 | (299L << 14);
        byte[] lossless = webp("VP8L", new byte[] {0x2f, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
        byte[] extended = webp("VP8X", new byte[] {0x10, 0, 0, 0, (byte) 0x3f, 0x1f, 0, (byte) 0xff, 0x0f, 0});

        assertThat(read(MediaType.WEBP, lossy)).contains(new Dimensions(1920, 1080));
        assertThat(read(MediaType.WEBP, lossless)).contains(new Dimensions(400, 300));
        assertThat(read(MediaType.WEBP, extended)).contains(new Dimensions(8000, 4096));
        assertThat(read(MediaType.WEBP, webp("VP8 ", new byte[] {0, 0, 0, 1, 2, 3, 0, 0, 0, 0}))).isEmpty();
    }

    @Test
    void aPngWithoutIhdrOrWithZeroWidthHasNoDimensions() throws IOException {
        byte[] noIhdr = SampleImages.pngHeader(10, 10);
        noIhdr[12] = 'X';
        assertThat(read(MediaType.PNG, noIhdr)).isEmpty();
        assertThat(read(MediaType.PNG, SampleImages.pngHeader(0, 10))).isEmpty();
        assertThat(read(MediaType.PNG, Arrays.copyOf(SampleImages.pngHeader(10, 10), 20))).isEmpty();
    }

    @Test
    void otherTypesHaveNoHeaderToRead() throws IOException {
        assertThat(read(MediaType.PDF, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(read(MediaType.MP4, new byte[32])).isEmpty();
    }

    private Optional<Dimensions> read(MediaType type, byte[] bytes) throws IOException {
        return reader.read(type, new ByteArrayInputStream(bytes));
    }

    private static byte[] webp(String chunk, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {100, 0, 0, 0});
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(chunk.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) data.length, 0, 0, 0});
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Counts the bytes read from it. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        final AtomicLong count = new AtomicLong();

        CountingStream(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
