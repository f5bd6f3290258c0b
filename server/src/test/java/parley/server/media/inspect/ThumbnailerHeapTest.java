package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50-megapixel picture is thumbnailed by a JVM with a small heap. The server's bound is 512 MiB;
 * the child JVM here gets only {@value #HEAP}, less than the picture's pixels decoded whole (150 MB
 * as bytes, 200 MB as integers), so it passes only if memory follows the thumbnail, not the picture.
 */
class ThumbnailerHeapTest {
    private static final int WIDTH = 10_000;
    private static final int HEIGHT = 5_000;
    private static final String HEAP = "128m";

    @TempDir
    Path folder;

    @Test
    void fiftyMegapixelsThumbnailInAHeapSmallerThanTheirPixels() throws Exception {
        Path picture = folder.resolve("big.png");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(picture), 1 << 16)) {
            SampleImages.streamPng(out, WIDTH, HEIGHT);
        }
        Path thumbnail = folder.resolve("thumbnail.jpg");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx" + HEAP, "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), ThumbnailerHeapTest.class.getName(),
                picture.toString(), thumbnail.toString()))
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        System.out.print(output);
        BufferedImage small = ImageIO.read(thumbnail.toFile());
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(160);
    }

    /** The child: thumbnails args[0] into args[1]. */
    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            byte[] jpeg = new Thumbnailer().thumbnail(in, new Dimensions(WIDTH, HEIGHT));
            Files.write(Path.of(args[1]), jpeg);
        }
        System.out.println("thumbnailed " + WIDTH + " x " + HEIGHT + " in " + (System.nanoTime() - start) / 1_000_000
                + " ms with a heap of " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }
}
