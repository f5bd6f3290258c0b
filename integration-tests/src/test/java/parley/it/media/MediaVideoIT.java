package parley.it.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.it.kit.EmbeddedServerTest;
import parley.protocol.api.LoginResponse;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;

/**
 * With ffmpeg installed (the test command installs it), a real video gets its dimensions, its
 * duration and a poster-frame thumbnail, and a real voice note its duration. Without ffmpeg these
 * are skipped: videos then still upload and play, without a thumbnail (see MediaMessagingIT).
 */
class MediaVideoIT extends EmbeddedServerTest {
    @TempDir
    Path temp;

    @Test
    void aVideoGetsItsPosterFrameAndDurationAndAVoiceNoteItsDuration() throws Exception {
        assumeTrue(onPath("ffmpeg") && onPath("ffprobe"), "ffmpeg is not installed");
        Path video = temp.resolve("clip.mp4");
        Path voice = temp.resolve("note.ogg");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=640x360:rate=10", "-t", "2", "-pix_fmt", "yuv420p", video.toString());
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "libopus", voice.toString());
        LoginResponse alice = http.newUser("alice");

        MediaRef clip = client.media().upload(alice.token(), video, "video/mp4", 3, done -> {
        });
        assertThat(clip.kind()).isEqualTo(MessageKind.VIDEO);
        assertThat(clip.width()).isEqualTo(640);
        assertThat(clip.height()).isEqualTo(360);
        assertThat(clip.durationMillis()).isBetween(1900L, 2100L);
        assertThat(clip.thumbnail()).isEqualTo(new MediaRef.Thumbnail(320, 180));
        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(client.media().thumbnail(alice.token(), clip.mediaId())));
        assertThat(poster.getWidth()).isEqualTo(320);

        MediaRef note = client.media().upload(alice.token(), voice, "audio/ogg", 3, done -> {
        });
        assertThat(note.kind()).isEqualTo(MessageKind.VOICE);
        assertThat(note.contentType()).isEqualTo("audio/ogg");
        assertThat(note.durationMillis()).isBetween(2900L, 3100L);
        assertThat(note.thumbnail()).isNull();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
