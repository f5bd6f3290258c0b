package parley.it.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.ParleyException;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.MediaSamples;
import parley.it.kit.TestDevice;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;

/**
 * Media end to end, as users use it: for each kind (picture, video, voice note, file) A uploads,
 * sends it with a caption, and B receives the message and downloads the very same bytes; the
 * picture's thumbnail; the download's headers, byte ranges, ETag; and who may fetch (a stranger
 * and a removed group member get the 404 of an id that does not exist).
 */
class MediaMessagingIT extends EmbeddedServerTest {
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path temp;

    private record Sent(ChatMessage received, MediaRef media) {
    }

    @Test
    void everyKindArrivesAndDownloadsAsTheSameBytes() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice a = TestDevice.connect(client, alice); TestDevice b = TestDevice.connect(client, bob)) {
            record Case(String name, byte[] bytes, String type, MessageKind kind, String contentType) {
            }
            List<Case> cases = List.of(
                    new Case("beach.png", MediaSamples.picture("png", 1200, 800), "image/png", MessageKind.IMAGE, "image/png"),
                    new Case("clip.mp4", MediaSamples.mp4(300_000, 1), "video/mp4", MessageKind.VIDEO, "video/mp4"),
                    new Case("voice.ogg", MediaSamples.ogg(40_000, 2), "audio/ogg", MessageKind.VOICE, "audio/ogg"),
                    new Case("report.pdf", MediaSamples.pdf(70_000, 3), "application/pdf", MessageKind.FILE, "application/pdf"),
                    new Case("notes.bin", MediaSamples.random(20_000, 4), null, MessageKind.FILE, "application/octet-stream"));
            int seq = 0;
            for (Case c : cases) {
                Sent sent = sendFile(a, b, alice, chat, c.name(), c.bytes(), c.type(), "caption of " + c.name(), ++seq);
                assertThat(sent.received().kind()).as(c.name()).isEqualTo(c.kind());
                assertThat(sent.received().text()).isEqualTo("caption of " + c.name());
                assertThat(sent.media().contentType()).isEqualTo(c.contentType());
                assertThat(sent.media().name()).isEqualTo(c.name());
                assertThat(sent.media().size()).isEqualTo(c.bytes().length);
                byte[] downloaded = client.media().download(bob.token(), sent.media().mediaId());
                assertThat(MediaSamples.sha256(downloaded)).as(c.name()).isEqualTo(MediaSamples.sha256(c.bytes()));
            }
            // history shows the same media messages, in order, to a device that comes later
            List<ChatMessage> history = client.http().history(bob.token(), chat, null, null, 50).messages();
            assertThat(history).extracting(ChatMessage::kind).containsExactly(MessageKind.IMAGE, MessageKind.VIDEO,
                    MessageKind.VOICE, MessageKind.FILE, MessageKind.FILE);
        }
    }

    @Test
    void aPictureHasItsDimensionsAndAThumbnailOfAtMost320Pixels() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice a = TestDevice.connect(client, alice); TestDevice b = TestDevice.connect(client, bob)) {
            byte[] jpeg = MediaSamples.picture("jpeg", 1600, 900);
            MediaRef media = sendFile(a, b, alice, chat, "sunset.jpg", jpeg, "image/jpeg", "", 1).media();
            assertThat(media.width()).isEqualTo(1600);
            assertThat(media.height()).isEqualTo(900);
            assertThat(media.thumbnail()).isEqualTo(new MediaRef.Thumbnail(320, 180));
            BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(client.media().thumbnail(bob.token(), media.mediaId())));
            assertThat(thumbnail.getWidth()).isEqualTo(320);
            assertThat(thumbnail.getHeight()).isEqualTo(180);
        }
    }

    @Test
    void downloadsServeRangesEtagsAndSafeHeaders() throws Exception {
        LoginResponse alice = http.newUser("alice");
        byte[] bytes = MediaSamples.random(1_000_000, 7);
        MediaRef file = upload(alice, "../../etc/pass\u0000wd\u0007.txt", bytes, "text/plain");
        assertThat(file.name()).isEqualTo("pass" + "wd.txt");

        HttpResponse<byte[]> whole = get(alice.token(), file.mediaId(), null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(whole.headers().firstValue("Cache-Control")).contains("private");
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> middle = get(alice.token(), file.mediaId(), "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 1000-1999/1000000");
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 2000));
        HttpResponse<byte[]> tail = get(alice.token(), file.mediaId(), "bytes=-10");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
        HttpResponse<byte[]> open = get(alice.token(), file.mediaId(), "bytes=999990-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).hasSize(10);

        for (String bad : List.of("bytes=2000000-", "bytes=abc", "bytes=5-2", "items=0-1", "bytes=-0")) {
            HttpResponse<byte[]> refused = get(alice.token(), file.mediaId(), bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(416);
            assertThat(refused.headers().firstValue("Content-Range")).as(bad).contains("bytes */1000000");
            assertThat(new String(refused.body())).contains("range_not_satisfiable");
        }
        HttpResponse<byte[]> cached = RAW.send(request(alice.token(), file.mediaId()).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cached.statusCode()).isEqualTo(304);
        HttpResponse<byte[]> changed = RAW.send(request(alice.token(), file.mediaId()).header("Range", "bytes=0-9")
                .header("If-Range", "\"another\"").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).hasSize(bytes.length);

        MediaRef picture = upload(alice, "p.png", MediaSamples.picture("png", 40, 30), "image/png");
        assertThat(get(alice.token(), picture.mediaId(), null).headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline;");
        assertThat(get(alice.token(), picture.mediaId(), null).headers().firstValue("Content-Type")).contains("image/png");
    }

    @Test
    void onlyTheUploaderAndMembersMayFetch() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse carol = http.newUser("carol");
        LoginResponse stranger = http.newUser("stranger");
        long group = client.http().createGroup(alice.token(), "Trip", List.of(bob.userId(), carol.userId()), false).chatId();
        try (TestDevice a = TestDevice.connect(client, alice)) {
            MediaRef before = upload(alice, "before.png", MediaSamples.picture("png", 20, 20), "image/png");
            a.connection().sendMedia(group, UUID.randomUUID(), before.mediaId(), "").get(30, TimeUnit.SECONDS);
            assertThat(get(carol.token(), before.mediaId(), null).statusCode()).isEqualTo(200);

            client.http().removeMember(alice.token(), group, carol.userId());
            MediaRef after = upload(alice, "after.png", MediaSamples.picture("png", 20, 20), "image/png");
            a.connection().sendMedia(group, UUID.randomUUID(), after.mediaId(), "").get(30, TimeUnit.SECONDS);

            assertThat(get(bob.token(), after.mediaId(), null).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> removed = get(carol.token(), after.mediaId(), null);
            HttpResponse<byte[]> outsider = get(stranger.token(), after.mediaId(), null);
            HttpResponse<byte[]> nothing = get(stranger.token(), "m" + "a".repeat(26), null);
            assertThat(removed.statusCode()).isEqualTo(404);
            assertThat(outsider.statusCode()).isEqualTo(404);
            assertThat(new String(outsider.body())).isEqualTo(new String(nothing.body()));
            assertThat(get(stranger.token(), after.mediaId() + "/thumbnail", null).statusCode()).isEqualTo(404);
            assertThat(get(null, after.mediaId(), null).statusCode()).isEqualTo(401);

            // a stranger cannot send someone else's media into their own chat either
            long own = http.openChat(stranger.token(), bob.username());
            try (TestDevice s = TestDevice.connect(client, stranger)) {
                assertThatThrownBy(() -> s.connection().sendMedia(own, UUID.randomUUID(), after.mediaId(), "look")
                        .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ParleyException.class)
                        .cause().extracting(e -> ((ParleyException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
        }
    }

    @Test
    void theBrowserCookieAuthorizesDownloadsOnly() throws Exception {
        LoginResponse alice = http.newUser("alice");
        MediaRef file = upload(alice, "a.png", MediaSamples.picture("png", 10, 10), "image/png");
        HttpResponse<String> cookie = RAW.send(HttpRequest.newBuilder(server.http().resolve("/api/media/cookie"))
                .header("Authorization", "Bearer " + alice.token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.statusCode()).isEqualTo(204);
        String setCookie = cookie.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/api/media");
        String pair = setCookie.split(";", 2)[0];
        HttpResponse<byte[]> viaCookie = RAW.send(HttpRequest.newBuilder(server.http().resolve("/api/media/" + file.mediaId()))
                .header("Cookie", pair).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaCookie.statusCode()).isEqualTo(200);
        assertThat(RAW.send(HttpRequest.newBuilder(server.http().resolve("/api/media/cookie")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private Sent sendFile(TestDevice a, TestDevice b, LoginResponse alice, long chat, String name, byte[] bytes,
                          String type, String caption, int expectedCount) throws Exception {
        MediaRef media = upload(alice, name, bytes, type);
        ServerFrame.Ack ack = a.connection().sendMedia(chat, UUID.randomUUID(), media.mediaId(), caption)
                .get(30, TimeUnit.SECONDS);
        ChatMessage received = b.awaitMessages(chat, expectedCount).get(expectedCount - 1);
        assertThat(received.seq()).isEqualTo(ack.seq());
        assertThat(received.media()).isEqualTo(media);
        return new Sent(received, media);
    }

    private MediaRef upload(LoginResponse user, String name, byte[] bytes, String type) throws IOException {
        Path dir = Files.createTempDirectory(temp, "upload");
        Path file = dir.resolve("upload.bin");
        Files.write(file, bytes);
        var status = client.http().startUpload(user.token(), bytes.length, name, type);
        return client.media().resume(user.token(), file, status, 3, done -> {
        });
    }

    private HttpResponse<byte[]> get(String token, String path, String range) throws Exception {
        HttpRequest.Builder request = request(token, path);
        if (range != null) {
            request.header("Range", range);
        }
        return RAW.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.http() + "/api/media/" + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
