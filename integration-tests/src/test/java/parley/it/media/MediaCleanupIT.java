package parley.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.MediaSamples;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UploadStatus;
import parley.protocol.model.MediaRef;

/**
 * The background clean-up, with its times shortened to seconds: an abandoned upload and a file
 * nobody sent are deleted, a file that was sent stays; and the per-user limit on starting uploads.
 */
class MediaCleanupIT {
    private static TestServer server;
    private static ParleyClient client;
    private static HttpProbe http;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("media.cleanup-seconds", "1", "media.abandoned-upload-seconds", "2",
                "media.unsent-media-seconds", "5", "media.uploads-per-minute", "5"));
        client = ParleyClient.create(ClientOptions.builder(server.http()).build());
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void abandonedUploadsAndUnsentFilesAreDeletedAndSentFilesStay() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        MediaRef sent;
        try (TestDevice a = TestDevice.connect(client, alice)) {
            sent = upload(alice, "sent.png");
            a.connection().sendMedia(chat, UUID.randomUUID(), sent.mediaId(), "").get(30, TimeUnit.SECONDS);
        }
        UploadStatus abandoned = client.http().startUpload(alice.token(), 1000, "half.bin", null);
        MediaRef unsent = upload(alice, "unsent.png");
        TestDevice.await(() -> http.call("GET", "/api/media/uploads/" + abandoned.uploadId(), null, alice.token())
                .status() == 404, "the abandoned upload is deleted");
        TestDevice.await(() -> http.call("GET", "/api/media/" + unsent.mediaId(), null, alice.token()).status() == 404,
                "the unsent file is deleted");
        Thread.sleep(2_000);
        assertThat(http.call("GET", "/api/media/" + sent.mediaId(), null, bob.token()).status()).isEqualTo(200);
        assertThat(http.call("GET", "/api/media/" + sent.mediaId() + "/thumbnail", null, bob.token()).status())
                .isEqualTo(200);
    }

    @Test
    void startingUploadsIsRateLimitedPerUser() {
        LoginResponse carol = http.newUser("carol");
        LoginResponse dave = http.newUser("dave");
        for (int i = 0; i < 5; i++) {
            assertThat(http.call("POST", "/api/media/uploads", "{\"size\":10}", carol.token()).status()).isEqualTo(201);
        }
        HttpProbe.Answer limited = http.call("POST", "/api/media/uploads", "{\"size\":10}", carol.token());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error().code().wire()).isEqualTo("rate_limited");
        assertThat(http.call("POST", "/api/media/uploads", "{\"size\":10}", dave.token()).status()).isEqualTo(201);
    }

    private MediaRef upload(LoginResponse user, String name) throws Exception {
        Path file = Files.createTempFile(temp, "media", ".png");
        Files.write(file, MediaSamples.picture("png", 64, 48));
        return client.media().upload(user.token(), file, "image/png", 3, done -> {
        });
    }
}
