package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JpegScansTest {

    private static int count(byte[] bytes, int stopAbove) throws IOException {
        return JpegScans.count(new ByteArrayInputStream(bytes), stopAbove);
    }

    @Test
    void aBaselineJpegHasOneScan() throws IOException {
        assertThat(count(SampleImages.written("jpeg", 640, 480), 32)).isEqualTo(1);
    }

    @Test
    void aRealProgressiveJpegHasAboutTenScansAsTheDecoderSeesThem() throws IOException {
        byte[] jpeg = ScanBombs.progressive(800, 600);

        assertThat(count(jpeg, 32)).isEqualTo(ScanBombs.scans(jpeg).size()).isBetween(6, 12);
    }

    @Test
    void repeatedScansAreAllCountedAndTheCountStopsPastTheBound() throws IOException {
        byte[] plain = ScanBombs.progressive(800, 600);
        int own = ScanBombs.scans(plain).size();
        byte[] bomb = ScanBombs.withExtraScans(plain, 2000);

        assertThat(count(bomb, 100_000)).isEqualTo(own + 2000);
        assertThat(count(bomb, 32)).isEqualTo(33);
    }

    @Test
    void aJpegInsideAnExifSegmentIsSkippedByItsLength() throws IOException {
        byte[] inner = ScanBombs.withExtraScans(ScanBombs.progressive(64, 64), 100);
        byte[] outer = SampleImages.written("jpeg", 320, 240);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(outer, 0, 2);
        int length = inner.length + 2 + 6;
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.writeBytes("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(inner);
        out.write(outer, 2, outer.length - 2);

        assertThat(count(out.toByteArray(), 32)).isEqualTo(1);
    }

    @Test
    void scansAfterGarbageBetweenSegmentsAreFoundAsTheDecoderFindsThem() throws IOException {
        byte[] jpeg = ScanBombs.progressive(200, 200);
        int[] first = ScanBombs.scans(jpeg).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, first[0]);
        out.writeBytes(new byte[] {0x12, 0x34, 0x56, (byte) 0xff, 0x00, 0x78});
        out.write(jpeg, first[0], jpeg.length - first[0]);

        assertThat(count(out.toByteArray(), 32)).isEqualTo(ScanBombs.scans(jpeg).size());
    }

    @Test
    void aTruncatedJpegCountsTheScansItHasAndOtherFilesNone() throws IOException {
        byte[] jpeg = ScanBombs.progressive(400, 300);
        int[] third = ScanBombs.scans(jpeg).get(2);

        assertThat(count(Arrays.copyOf(jpeg, third[0] + 4), 32)).isEqualTo(3);
        assertThat(count(SampleImages.written("png", 100, 100), 32)).isZero();
        assertThat(count(new byte[0], 32)).isZero();
    }
}
