package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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
import parley.it.kit.TestCluster;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UploadStatus;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;
import parley.server.media.blob.S3Settings;
import parley.server.testing.S3Server;

/**
 * Media in cluster mode: two node processes on PostgreSQL and Redis keep files in one S3-compatible
 * bucket. An upload begun on one node continues on the other (each chunk to another node), is
 * completed through the load balancer, sent to a user on the other node, who downloads the very
 * same bytes, a range of them and the thumbnail from either node; a stranger gets 404 everywhere.
 */
class MediaClusterIT {
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static S3Server s3;
    private static TestCluster cluster;
    private static ParleyClient onNode0;
    private static ParleyClient onNode1;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        s3 = S3Server.start();
        S3Settings bucket = s3.newBucket();
        Map<String, String> settings = new HashMap<>();
        settings.put("media.store", "s3");
        settings.put("media.s3.endpoint", bucket.endpoint().toString());
        settings.put("media.s3.region", bucket.region());
        settings.put("media.s3.bucket", bucket.bucket());
        settings.put("media.s3.access-key", bucket.accessKey());
        settings.put("media.s3.secret-key", bucket.secretKey());
        settings.put("media.chunk-mib", "1");
        cluster = TestCluster.start(2, settings);
        onNode0 = ParleyClient.create(ClientOptions.builder(cluster.node(0)).build());
        onNode1 = ParleyClient.create(ClientOptions.builder(cluster.node(1)).build());
    }

    @AfterAll
    static void stop() {
        onNode0.close();
        onNode1.close();
        cluster.close();
        s3.close();
    }

    @Test
    void anUploadSpansNodesAndEveryNodeServesTheSameBytes() throws Exception {
        HttpProbe http = new HttpProbe(cluster.node(0));
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse stranger = http.newUser("stranger");
        long chat = http.openChat(alice.token(), bob.username());

        byte[] picture = MediaSamples.picture("png", 2400, 1600);
        byte[] bytes = Arrays.copyOf(picture, picture.length);
        Path file = temp.resolve("mountain.png");
        Files.write(file, bytes);
        UploadStatus status = onNode0.http().startUpload(alice.token(), bytes.length, "mountain.png", "image/png");
        int turn = 0;
        while (status.offset() < status.size()) {
            ParleyClient node = turn++ % 2 == 0 ? onNode0 : onNode1;
            long length = Math.min(status.chunkBytes(), status.size() - status.offset());
            status = node.media().putChunk(alice.token(), status.uploadId(), file, status.offset(), length);
        }
        try (ParleyClient balanced = ParleyClient.create(ClientOptions.builder(cluster.http()).build())) {
            MediaRef media = balanced.http().completeUpload(alice.token(), status.uploadId());
            assertThat(media.kind()).isEqualTo(MessageKind.IMAGE);
            assertThat(media.width()).isEqualTo(2400);
            assertThat(media.thumbnail().width()).isEqualTo(320);
            assertThat(media.thumbnail().height()).isBetween(213, 214);

            try (TestDevice a = TestDevice.connect(onNode0, alice); TestDevice b = TestDevice.connect(onNode1, bob)) {
                a.connection().sendMedia(chat, UUID.randomUUID(), media.mediaId(), "from the top").get(30, TimeUnit.SECONDS);
                ChatMessage received = b.awaitMessages(chat, 1).getFirst();
                assertThat(received.media()).isEqualTo(media);
            }
            for (ParleyClient node : new ParleyClient[] {onNode0, onNode1, balanced}) {
                assertThat(MediaSamples.sha256(node.media().download(bob.token(), media.mediaId())))
                        .isEqualTo(MediaSamples.sha256(bytes));
                assertThat(node.media().downloadRange(bob.token(), media.mediaId(), 1000, 1999))
                        .isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));
                assertThat(node.media().thumbnail(bob.token(), media.mediaId())).isNotEmpty();
            }
            for (URI node : new URI[] {cluster.node(0), cluster.node(1)}) {
                HttpResponse<String> refused = RAW.send(HttpRequest.newBuilder(URI.create(node + "/api/media/" + media.mediaId()))
                        .header("Authorization", "Bearer " + stranger.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(404);
            }
        }
    }
}
