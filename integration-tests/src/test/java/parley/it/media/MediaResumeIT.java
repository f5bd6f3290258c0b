package parley.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.MediaSamples;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UploadStatus;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;

/**
 * A 200 MiB video uploaded in chunks, cut off twice in the middle of a chunk (the connection
 * dropped with part of the chunk sent), resumed each time from the offset the server reports, and
 * completed; the recipient downloads the very same bytes and seeks into it with byte ranges.
 */
class MediaResumeIT extends EmbeddedServerTest {
    private static final int SIZE = 200 * 1024 * 1024;
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path temp;

    @Test
    void aCutOffUploadResumesWhereItStoppedAndArrivesWhole() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        Path file = temp.resolve("holiday.mp4");
        String sha = writeVideo(file);

        UploadStatus status = client.http().startUpload(alice.token(), SIZE, "holiday.mp4", "video/mp4");
        for (int cut = 0; cut < 2; cut++) {
            int chunks = cut == 0 ? 3 : 9;
            for (int i = 0; i < chunks; i++) {
                long length = Math.min(status.chunkBytes(), status.size() - status.offset());
                status = client.media().putChunk(alice.token(), status.uploadId(), file, status.offset(), length);
            }
            long before = status.offset();
            cutOff(alice.token(), status, file);
            status = client.http().uploadStatus(alice.token(), status.uploadId());
            assertThat(status.offset()).as("a chunk cut off midway is not kept").isEqualTo(before);
        }
        MediaRef video = client.media().resume(alice.token(), file, status, 3, done -> {
        });
        assertThat(video.kind()).isEqualTo(MessageKind.VIDEO);
        assertThat(video.size()).isEqualTo(SIZE);

        try (TestDevice a = TestDevice.connect(client, alice); TestDevice b = TestDevice.connect(client, bob)) {
            a.connection().sendMedia(chat, UUID.randomUUID(), video.mediaId(), "our trip").get(60, TimeUnit.SECONDS);
            ChatMessage received = b.awaitMessages(chat, 1).getFirst();
            assertThat(received.media()).isEqualTo(video);
            assertThat(downloadSha(bob.token(), video.mediaId())).isEqualTo(sha);
            // seeking: the player asks for a range deep inside the file
            long at = 150L * 1024 * 1024 + 12_345;
            byte[] seek = client.media().downloadRange(bob.token(), video.mediaId(), at, at + 65_535);
            assertThat(seek).isEqualTo(read(file, at, 65_536));
        }
    }

    /** Sends the next chunk's headers and a third of its bytes, then drops the connection. */
    private void cutOff(String token, UploadStatus status, Path file) throws Exception {
        long length = Math.min(status.chunkBytes(), status.size() - status.offset());
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/media/uploads/" + status.uploadId() + "?offset=" + status.offset() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(read(file, status.offset(), (int) (length / 3)));
            out.flush();
            Thread.sleep(200);
        }
        Thread.sleep(300);
    }

    private static String writeVideo(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE / block.length; i++) {
                random.nextBytes(block);
                if (i == 0) {
                    System.arraycopy(MediaSamples.mp4(64, 1), 0, block, 0, 24);
                }
                digest.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String downloadSha(String token, String mediaId) throws Exception {
        HttpResponse<InputStream> response = RAW.send(HttpRequest.newBuilder(URI.create(server.http() + "/api/media/" + mediaId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] read(Path file, long offset, int length) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[length];
            raf.seek(offset);
            raf.readFully(bytes);
            return bytes;
        }
    }
}
