package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A decode has a time budget, and a JPEG's many scans do not each cost a decode. */
class ThumbnailerDeadlineTest {

    /** A clock that stands still for its first {@code stillFor} readings, then jumps an hour ahead; it counts readings. */
    private static final class JumpingClock extends Clock {
        private final int stillFor;
        private final AtomicInteger readings = new AtomicInteger();

        JumpingClock(int stillFor) {
            this.stillFor = stillFor;
        }

        int readings() {
            return readings.get();
        }

        @Override
        public long millis() {
            return readings.incrementAndGet() <= stillFor ? 1_000_000L : 1_000_000L + 3_600_000L;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aDecodePastItsBudgetIsAbandonedAndStopsAtOnce() {
        byte[] jpeg = SampleImages.written("jpeg", 4000, 3000);
        // the decoder reports each of its output rows (about 600 here, subsampled) and asks the clock
        // each time; the budget runs out after the 100th reading
        JumpingClock clock = new JumpingClock(100);
        Thumbnailer thumbnailer = new Thumbnailer(Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofSeconds(10), clock);

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(jpeg), new Dimensions(4000, 3000)))
                .isInstanceOf(DecodeTimeoutException.class);
        assertThat(clock.readings()).as("clock readings: the decoder went on after its budget ran out unless few more")
                .isBetween(101, 110);
    }

    @Test
    void aDecodeThatStopsReadingIsAbandonedToo() {
        byte[] jpeg = SampleImages.written("jpeg", 2000, 1500);
        JumpingClock clock = new JumpingClock(1);
        Thumbnailer thumbnailer = new Thumbnailer(Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofSeconds(10), clock);

        assertThatThrownBy(() -> thumbnailer.thumbnail(new ByteArrayInputStream(jpeg), new Dimensions(2000, 1500)))
                .isInstanceOf(DecodeTimeoutException.class);
    }

    @Test
    void withinItsBudgetADecodeIsUnaffected() throws IOException {
        byte[] jpeg = SampleImages.written("jpeg", 2000, 1500);
        Thumbnailer thumbnailer = new Thumbnailer(Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofMinutes(5),
                Clock.systemUTC());

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                thumbnailer.thumbnail(new ByteArrayInputStream(jpeg), new Dimensions(2000, 1500))));

        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(240);
    }

    @Test
    void aProgressiveJpegIsThumbnailedFromItsFinalScan() throws IOException {
        byte[] jpeg = ScanBombs.progressive(1200, 900);

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                new Thumbnailer().thumbnail(new ByteArrayInputStream(jpeg), new Dimensions(1200, 900))));

        assertThat(thumbnail.getWidth()).isEqualTo(320);
        int grey = thumbnail.getRGB(160, 120) & 0xff;
        assertThat(grey).as("the flat grey of the picture, fully decoded").isBetween(0x7c, 0x84);
    }

    @Test
    void thousandsOfRepeatedScansCostAboutOneDecodeNotOneEach() throws IOException {
        // 4000 x 4000 with 3000 extra scans: a decode per scan was about 60 ms of CPU each, minutes in all
        byte[] bomb = ScanBombs.bomb(4000, 4000, 3000);
        Thumbnailer thumbnailer = new Thumbnailer(Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofMinutes(10),
                Clock.systemUTC());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();

        byte[] thumbnail = thumbnailer.thumbnail(new ByteArrayInputStream(bomb), new Dimensions(4000, 4000));

        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        assertThat(thumbnail).isNotEmpty();
        assertThat(cpuMillis).as("CPU milliseconds of the decode").isLessThan(20_000);
    }
}
