package parley.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.MediaSamples;
import parley.it.kit.ServerProcess;
import parley.it.kit.TestServer;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UploadStatus;
import parley.protocol.JsonCodec;

/**
 * Every bad input of uploads, each answered with its status and stable code, nothing kept, and the
 * server still serving: a body longer than declared, a chunk at the wrong offset, a file over the
 * limit, bytes that contradict the claimed type, too many unfinished uploads, no Content-Length,
 * another user's upload, and decompression bombs (a 30,000 x 30,000 PNG and a tiny GIF claiming
 * 65,535 x 65,535) refused from their header by a server running in a 512 MiB heap.
 */
class MediaBadInputIT {
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonCodec CODEC = new JsonCodec();
    private static TestServer server;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("media.max-file-mib", "4", "media.chunk-mib", "1",
                "media.max-unfinished-uploads", "3"));
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeAnyByte() {
        LoginResponse alice = http.newUser("alice");
        HttpProbe.Answer answer = http.call("POST", "/api/media/uploads",
                "{\"size\":" + (5L * 1024 * 1024) + ",\"name\":\"big.bin\"}", alice.token());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error().code().wire()).isEqualTo("file_too_large");
        assertThat(answer.error().message()).contains("4194304");
        assertThat(http.call("POST", "/api/media/uploads", "{\"size\":0}", alice.token()).error().code().wire())
                .isEqualTo("invalid_request");
        assertThat(http.call("POST", "/api/media/uploads", "{\"size\":10,\"type\":\"not a type\"}", alice.token())
                .error().code().wire()).isEqualTo("invalid_request");
        assertThat(http.call("POST", "/api/media/uploads", "{\"size\":10}", null).status()).isEqualTo(401);
    }

    @Test
    void chunksMustComeInOrderAndWithinTheDeclaredSize() throws Exception {
        LoginResponse alice = http.newUser("alice");
        UploadStatus upload = start(alice, 1000, "a.bin", null);
        HttpResponse<String> wrong = put(alice.token(), upload.uploadId(), 500, new byte[100]);
        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(wrong.body()).contains("wrong_offset");
        HttpResponse<String> tooLong = put(alice.token(), upload.uploadId(), 0, new byte[1001]);
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.body()).contains("body_too_large");
        assertThat(status(alice, upload.uploadId()).offset()).isZero();

        HttpResponse<String> first = put(alice.token(), upload.uploadId(), 0, new byte[600]);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(CODEC.read(first.body(), UploadStatus.class).offset()).isEqualTo(600);
        HttpResponse<String> again = put(alice.token(), upload.uploadId(), 0, new byte[600]);
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> past = put(alice.token(), upload.uploadId(), 600, new byte[401]);
        assertThat(past.statusCode()).isEqualTo(413);
        HttpProbe.Answer early = http.call("POST", "/api/media/uploads/" + upload.uploadId() + "/complete", null,
                alice.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error().code().wire()).isEqualTo("upload_incomplete");
        assertThat(status(alice, upload.uploadId()).offset()).isEqualTo(600);
    }

    @Test
    void anotherUsersUploadDoesNotExistForYou() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse mallory = http.newUser("mallory");
        UploadStatus upload = start(alice, 100, "a.bin", null);
        assertThat(put(mallory.token(), upload.uploadId(), 0, new byte[100]).statusCode()).isEqualTo(404);
        assertThat(http.call("GET", "/api/media/uploads/" + upload.uploadId(), null, mallory.token()).status()).isEqualTo(404);
        assertThat(http.call("DELETE", "/api/media/uploads/" + upload.uploadId(), null, mallory.token()).status())
                .isEqualTo(404);
        assertThat(http.call("GET", "/api/media/uploads/../../etc", null, mallory.token()).status()).isEqualTo(404);
        assertThat(status(alice, upload.uploadId()).offset()).isZero();
    }

    @Test
    void bytesThatContradictTheClaimAreRefusedAndNothingIsKept() throws Exception {
        LoginResponse alice = http.newUser("alice");
        byte[] pdf = MediaSamples.pdf(2000, 1);
        UploadStatus upload = start(alice, pdf.length, "cat.png", "image/png");
        assertThat(put(alice.token(), upload.uploadId(), 0, pdf).statusCode()).isEqualTo(200);
        HttpProbe.Answer refused = http.call("POST", "/api/media/uploads/" + upload.uploadId() + "/complete", null,
                alice.token());
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.error().code().wire()).isEqualTo("media_type_mismatch");
        assertThat(http.call("GET", "/api/media/uploads/" + upload.uploadId(), null, alice.token()).status()).isEqualTo(404);

        byte[] broken = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        UploadStatus bad = start(alice, broken.length, "x.png", "image/png");
        put(alice.token(), bad.uploadId(), 0, broken);
        HttpProbe.Answer unreadable = http.call("POST", "/api/media/uploads/" + bad.uploadId() + "/complete", null,
                alice.token());
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.error().code().wire()).isEqualTo("invalid_media");
    }

    @Test
    void unfinishedUploadsAreBoundedPerUser() throws Exception {
        LoginResponse alice = http.newUser("alice");
        List<UploadStatus> open = List.of(start(alice, 10, "1", null), start(alice, 10, "2", null), start(alice, 10, "3", null));
        HttpProbe.Answer fourth = http.call("POST", "/api/media/uploads", "{\"size\":10}", alice.token());
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.error().code().wire()).isEqualTo("too_many_uploads");
        assertThat(http.call("DELETE", "/api/media/uploads/" + open.get(0).uploadId(), null, alice.token()).status())
                .isEqualTo(204);
        assertThat(http.call("POST", "/api/media/uploads", "{\"size\":10}", alice.token()).status()).isEqualTo(201);
    }

    @Test
    void aChunkWithoutLengthIsRefused() throws Exception {
        LoginResponse alice = http.newUser("alice");
        UploadStatus upload = start(alice, 100, "a.bin", null);
        String response = rawRequest("PUT /api/media/uploads/" + upload.uploadId() + "?offset=0 HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + alice.token() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 411").contains("length_required");
        assertThat(status(alice, upload.uploadId()).offset()).isZero();
    }

    @Test
    void decompressionBombsAreRefusedFromTheHeaderInA512MiBHeap() throws Exception {
        try (ServerProcess node = ServerProcess.start(Map.of(), List.of("-Xmx512m"))) {
            HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + node.port()));
            LoginResponse alice = probe.newUser("alice");
            for (byte[] bomb : List.of(MediaSamples.pngHeader(30_000, 30_000), MediaSamples.gifHeader(65_535, 65_535))) {
                HttpProbe.Answer created = probe.call("POST", "/api/media/uploads",
                        "{\"size\":" + bomb.length + ",\"name\":\"bomb\"}", alice.token());
                UploadStatus upload = created.as(UploadStatus.class);
                HttpResponse<String> put = RAW.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                                + "/api/media/uploads/" + upload.uploadId() + "?offset=0"))
                        .header("Authorization", "Bearer " + alice.token())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bomb)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).isEqualTo(200);
                HttpProbe.Answer refused = probe.call("POST", "/api/media/uploads/" + upload.uploadId() + "/complete",
                        null, alice.token());
                assertThat(refused.status()).isEqualTo(422);
                assertThat(refused.error().code().wire()).isEqualTo("image_too_large");
            }
            assertThat(node.isAlive()).isTrue();
            assertThat(probe.call("GET", "/livez", null, null).status()).isEqualTo(200);
            assertThat(java.nio.file.Files.readString(node.log())).doesNotContain("OutOfMemoryError");
        }
    }

    private static UploadStatus start(LoginResponse user, long size, String name, String type) {
        String body = "{\"size\":" + size + ",\"name\":\"" + name + "\"" + (type == null ? "" : ",\"type\":\"" + type + "\"") + "}";
        HttpProbe.Answer answer = http.call("POST", "/api/media/uploads", body, user.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.as(UploadStatus.class);
    }

    private static UploadStatus status(LoginResponse user, String uploadId) {
        return http.call("GET", "/api/media/uploads/" + uploadId, null, user.token()).as(UploadStatus.class);
    }

    private static HttpResponse<String> put(String token, String uploadId, long offset, byte[] body) throws Exception {
        return RAW.send(HttpRequest.newBuilder(URI.create(server.http() + "/api/media/uploads/" + uploadId + "?offset=" + offset))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
