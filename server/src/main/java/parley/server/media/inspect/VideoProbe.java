package parley.server.media.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Asks ffmpeg about videos and audio files: dimensions and duration ({@code ffprobe}), and a poster
 * frame as a JPEG of at most {@link Thumbnailer#MAX_SIDE} pixels on the long side ({@code ffmpeg}).
 * ffmpeg is optional: when it is not installed, {@link #isAvailable()} is false and every answer is
 * empty, and media work without posters or durations.
 *
 * <p>Only the files {@link ContentSniffer} recognizes as video or audio are handed to ffmpeg, with
 * the demuxer of that type named and only the {@code file} protocol allowed, so a crafted file (an
 * HLS playlist, a concat list) cannot make ffmpeg read other files or reach the network. Each run is
 * killed after a time limit, and its output is bounded. Runs at once are bounded per probe (one is
 * made per node), and each run decodes on one thread, so video work takes at most that many cores.
 *
 * <p>Thread-safe: each call runs its own process; runs at once are counted by a semaphore.
 */
public final class VideoProbe {
    /** The default time limit of one ffprobe or ffmpeg run. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);
    /** The default number of ffprobe and ffmpeg runs at once. */
    public static final int DEFAULT_MAX_PROCESSES = 2;
    private static final int PROBE_OUTPUT_LIMIT = 256 * 1024;
    private static final int POSTER_OUTPUT_LIMIT = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> ffprobe;
    private final Optional<Path> ffmpeg;
    private final BoundedProcess probeRun;
    private final BoundedProcess posterRun;
    private final ContentSniffer sniffer = new ContentSniffer();

    /** A probe using these programs (empty when missing), each run killed after {@code timeLimit}. */
    public VideoProbe(Optional<Path> ffprobe, Optional<Path> ffmpeg, Duration timeLimit) {
        this(ffprobe, ffmpeg, timeLimit, DEFAULT_MAX_PROCESSES);
    }

    /**
     * A probe using these programs (empty when missing), each run killed after {@code timeLimit}, at
     * most {@code maxProcesses} runs at once (a run that waits longer than its time limit for its turn
     * gives up).
     */
    public VideoProbe(Optional<Path> ffprobe, Optional<Path> ffmpeg, Duration timeLimit, int maxProcesses) {
        this.ffprobe = ffprobe;
        this.ffmpeg = ffmpeg;
        Semaphore running = new Semaphore(maxProcesses, true);
        this.probeRun = new BoundedProcess(timeLimit, PROBE_OUTPUT_LIMIT, running);
        this.posterRun = new BoundedProcess(timeLimit, POSTER_OUTPUT_LIMIT, running);
    }

    /** A probe using {@code ffprobe} and {@code ffmpeg} from the folders of {@code path} (the PATH variable's value). */
    public static VideoProbe onPath(String path) {
        return new VideoProbe(find("ffprobe", path), find("ffmpeg", path), DEFAULT_TIME_LIMIT);
    }

    /** A probe using {@code ffprobe} and {@code ffmpeg} from this process's PATH. */
    public static VideoProbe onPath() {
        return onPath(Optional.ofNullable(System.getenv("PATH")).orElse(""));
    }

    /** A probe using the programs on this process's PATH, with these limits. */
    public static VideoProbe onPath(Duration timeLimit, int maxProcesses) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return new VideoProbe(find("ffprobe", path), find("ffmpeg", path), timeLimit, maxProcesses);
    }

    /** Whether both ffprobe and ffmpeg were found. */
    public boolean isAvailable() {
        return ffprobe.isPresent() && ffmpeg.isPresent();
    }

    /** The dimensions (of a video) and the duration of a video or audio file; empty when unknown. */
    public Optional<MediaInfo> probe(Path file) throws IOException {
        Optional<String> demuxer = demuxer(file);
        if (ffprobe.isEmpty() || demuxer.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = List.of(ffprobe.get().toString(), "-v", "error",
                "-protocol_whitelist", "file", "-f", demuxer.get(),
                "-show_entries", "format=duration:stream=codec_type,width,height,duration:stream_side_data=rotation",
                "-of", "json", "file:" + file.toAbsolutePath());
        Optional<byte[]> output = probeRun.run(command);
        if (output.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FfprobeReport.parse(JSON.readTree(output.get())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A JPEG poster frame of a video (one second in, or the first frame of a shorter one); empty when none. */
    public Optional<byte[]> poster(Path file) throws IOException {
        return poster(file, probe(file).flatMap(MediaInfo::durationMillis).orElse(0L));
    }

    /** As {@link #poster(Path)}, for a video whose duration was already probed (0 when unknown). */
    public Optional<byte[]> poster(Path file, long durationMillis) throws IOException {
        Optional<String> demuxer = demuxer(file);
        if (ffmpeg.isEmpty() || demuxer.isEmpty() || sniff(file).family() != MediaType.Family.VIDEO) {
            return Optional.empty();
        }
        String seek = durationMillis > 2000 ? "1" : "0";
        String side = Integer.toString(Thumbnailer.MAX_SIDE);
        List<String> command = new ArrayList<>(List.of(ffmpeg.get().toString(), "-v", "error", "-nostdin",
                "-protocol_whitelist", "file", "-threads", "1", "-f", demuxer.get(), "-ss", seek,
                "-i", "file:" + file.toAbsolutePath(), "-threads", "1", "-filter_threads", "1",
                "-frames:v", "1", "-map_metadata", "-1",
                "-vf", "scale=w=" + side + ":h=" + side + ":force_original_aspect_ratio=decrease,format=yuvj420p",
                "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "4", "-"));
        return posterRun.run(command).filter(jpeg -> jpeg.length > 0);
    }

    /** The ffmpeg demuxer for what the file's bytes say it is, or empty when it is not video or audio. */
    private Optional<String> demuxer(Path file) throws IOException {
        return switch (sniff(file)) {
            case MP4, MOV, M4A -> Optional.of("mov");
            case WEBM -> Optional.of("matroska");
            case MP3 -> Optional.of("mp3");
            case OGG -> Optional.of("ogg");
            default -> Optional.empty();
        };
    }

    private MediaType sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sniffer.sniff(in.readNBytes(ContentSniffer.HEAD_BYTES));
        }
    }

    private static Optional<Path> find(String program, String path) {
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
