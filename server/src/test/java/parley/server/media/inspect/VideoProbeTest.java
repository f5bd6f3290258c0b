package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoProbeTest {
    private static final String MP4_HEAD = "\0\0\0\u0018ftypisom\0\0\2\0isommp41";

    @TempDir
    Path folder;

    @Test
    void withoutFfmpegNothingIsProbedAndNothingFails() throws IOException {
        VideoProbe probe = VideoProbe.onPath(folder.toString());
        Path video = file("clip.mp4", MP4_HEAD);

        assertThat(probe.isAvailable()).isFalse();
        assertThat(probe.probe(video)).isEmpty();
        assertThat(probe.poster(video)).isEmpty();
    }

    @Test
    void readsDimensionsAndDurationFromFfprobesReportTurnedByRotation() throws IOException {
        Path ffprobe = script("ffprobe", """
                cat <<'JSON'
                {"streams":[{"codec_type":"audio","duration":"12.5"},
                 {"codec_type":"video","width":1920,"height":1080,"side_data_list":[{"rotation":-90}]}],
                 "format":{"duration":"12.345000"}}
                JSON
                """);
        VideoProbe probe = new VideoProbe(Optional.of(ffprobe), Optional.empty(), Duration.ofSeconds(30));

        assertThat(probe.probe(file("clip.mp4", MP4_HEAD)))
                .contains(new MediaInfo(Optional.of(new Dimensions(1080, 1920)), Optional.of(12_345L)));
    }

    @Test
    void anAudioFileHasADurationAndNoDimensions() throws IOException {
        Path ffprobe = script("ffprobe", """
                echo '{"streams":[{"codec_type":"audio"}],"format":{"duration":"3.000000"}}'
                """);
        VideoProbe probe = new VideoProbe(Optional.of(ffprobe), Optional.empty(), Duration.ofSeconds(30));

        assertThat(probe.probe(file("voice.mp3", "ID3\u0004\0\0\0\0\0\0")))
                .contains(new MediaInfo(Optional.empty(), Optional.of(3000L)));
    }

    @Test
    void aFileThatIsNotVideoOrAudioIsNeverHandedToFfmpeg() throws IOException {
        Path marker = folder.resolve("ran");
        Path ffprobe = script("ffprobe", "touch '" + marker + "'\necho '{}'\n");
        VideoProbe probe = new VideoProbe(Optional.of(ffprobe), Optional.of(ffprobe), Duration.ofSeconds(30));

        assertThat(probe.probe(file("playlist.mp4", "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\nfile:///etc/passwd\n"))).isEmpty();
        assertThat(probe.poster(file("doc.pdf", "%PDF-1.7"))).isEmpty();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aProgramThatHangsIsKilledAfterTheTimeLimit() throws Exception {
        Path pid = folder.resolve("pid");
        Path ffprobe = script("ffprobe", "echo $$ > '" + pid + "'\nexec sleep 600\n");
        VideoProbe probe = new VideoProbe(Optional.of(ffprobe), Optional.empty(), Duration.ofSeconds(1));
        Instant start = Instant.now();

        assertThat(probe.probe(file("clip.mp4", MP4_HEAD))).isEmpty();

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(300));
        long hung = Long.parseLong(Files.readString(pid).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(hung);
        if (handle.isPresent()) {
            handle.get().onExit().get(60, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aProgramWithEndlessOutputIsCutOff() throws IOException {
        Path ffprobe = script("ffprobe", "exec yes '{\"streams\":[]}'\n");
        VideoProbe probe = new VideoProbe(Optional.of(ffprobe), Optional.empty(), Duration.ofSeconds(60));

        assertThat(probe.probe(file("clip.mp4", MP4_HEAD))).isEmpty();
    }

    @Test
    void aFailingOrGarbledProbeGivesNothing() throws IOException {
        Path failing = script("ffprobe", "echo '{\"format\":{\"duration\":\"1.0\"}}'\nexit 1\n");
        Path garbled = script("ffprobe2", "echo 'this is not json'\n");

        assertThat(new VideoProbe(Optional.of(failing), Optional.empty(), Duration.ofSeconds(30))
                .probe(file("a.mp4", MP4_HEAD))).isEmpty();
        assertThat(new VideoProbe(Optional.of(garbled), Optional.empty(), Duration.ofSeconds(30))
                .probe(file("b.mp4", MP4_HEAD))).isEmpty();
    }

    @Test
    void withRealFfmpegAVideoGetsItsSizeDurationAndAPoster() throws Exception {
        VideoProbe probe = VideoProbe.onPath();
        assumeTrue(probe.isAvailable(), "ffmpeg is not installed");
        Path video = folder.resolve("clip.mp4");
        ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=3", "-pix_fmt", "yuv420p", video.toString()));

        MediaInfo info = probe.probe(video).orElseThrow();
        assertThat(info.dimensions()).contains(new Dimensions(640, 360));
        assertThat(info.durationMillis()).hasValueSatisfying(ms -> assertThat(ms).isBetween(2900L, 3100L));

        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(probe.poster(video).orElseThrow()));
        assertThat(poster.getWidth()).isEqualTo(320);
        assertThat(poster.getHeight()).isEqualTo(180);
    }

    @Test
    void withRealFfmpegAVoiceNoteGetsItsDuration() throws Exception {
        VideoProbe probe = VideoProbe.onPath();
        assumeTrue(probe.isAvailable(), "ffmpeg is not installed");
        Path voice = folder.resolve("voice.m4a");
        ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", voice.toString()));

        MediaInfo info = probe.probe(voice).orElseThrow();
        assertThat(info.dimensions()).isEmpty();
        assertThat(info.durationMillis()).hasValueSatisfying(ms -> assertThat(ms).isBetween(1900L, 2200L));
        assertThat(probe.poster(voice)).isEmpty();
    }

    private void ffmpeg(List<String> arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private Path script(String name, String body) throws IOException {
        Path script = folder.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
