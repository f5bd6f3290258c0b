package parley.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.MediaSamples;
import parley.it.kit.RawSocket;
import parley.it.kit.RawUploads;
import parley.it.kit.TestServer;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.MediaRef;

/**
 * Completing an upload is idempotent for its owner: a client whose answer was lost (the connection
 * cut) completes again and gets the same media, which works like any other; two completions at once
 * get the same media too. Anyone else still learns nothing, and a refusal stays final.
 */
class MediaCompleteRetryIT {
    private static TestServer server;
    private static HttpProbe http;
    private static RawUploads uploads;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        http = new HttpProbe(server.http());
        uploads = new RawUploads(server.http());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void completingAgainAnswersTheSameMediaAndItIsSentAndFetchedAsAnyOther() {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        byte[] picture = MediaSamples.picture("jpeg", 800, 600);
        String id = uploads.send(alice.token(), picture, "holiday.jpg", "image/jpeg");

        HttpProbe.Answer first = uploads.complete(alice.token(), id);
        HttpProbe.Answer retry = uploads.complete(alice.token(), id);
        HttpProbe.Answer again = uploads.complete(alice.token(), id);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        MediaRef ref = first.as(MediaRef.class);
        assertThat(retry.as(MediaRef.class)).isEqualTo(ref);
        assertThat(again.as(MediaRef.class)).isEqualTo(ref);
        assertThat(ref.thumbnail()).isNotNull();

        HttpProbe.Answer byBob = uploads.complete(bob.token(), id);
        assertThat(byBob.status()).as("another user completing it").isEqualTo(404);
        assertThat(byBob.error().code().wire()).isEqualTo("not_found");

        long chat = http.openChat(alice.token(), bob.username());
        try (RawSocket socket = RawSocket.connect(server.ws(), alice.token())) {
            socket.next(ServerFrame.Ready.class);
            String clientId = UUID.randomUUID().toString();
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"" + clientId + "\",\"chatId\":" + chat
                    + ",\"text\":\"\",\"mediaId\":\"" + ref.mediaId() + "\"}");
            socket.next(ServerFrame.Ack.class, ack -> ack.clientMsgId().toString().equals(clientId));
        }
        HttpProbe.Answer fetched = http.call("GET", "/api/media/" + ref.mediaId(), null, bob.token());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().length()).isPositive();
        assertThat(uploads.complete(alice.token(), id).as(MediaRef.class)).as("after it was sent").isEqualTo(ref);
    }

    @Test
    void twoCompletionsAtOnceGetTheSameMedia() throws Exception {
        LoginResponse alice = http.newUser("alice");
        String id = uploads.send(alice.token(), MediaSamples.picture("png", 2400, 1800), "scan.png", "image/png");

        CompletableFuture<HttpProbe.Answer> one = CompletableFuture.supplyAsync(() -> uploads.complete(alice.token(), id));
        CompletableFuture<HttpProbe.Answer> two = CompletableFuture.supplyAsync(() -> uploads.complete(alice.token(), id));

        HttpProbe.Answer a = one.get(60, TimeUnit.SECONDS);
        HttpProbe.Answer b = two.get(60, TimeUnit.SECONDS);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(b.status()).as(b.body()).isEqualTo(200);
        assertThat(a.as(MediaRef.class)).isEqualTo(b.as(MediaRef.class));
    }

    @Test
    void aRefusedCompletionStaysRefusedAndUnknownUploadsAreNotFound() {
        LoginResponse alice = http.newUser("alice");
        String id = uploads.send(alice.token(), MediaSamples.pngHeader(30_000, 30_000), "bomb.png", "image/png");

        HttpProbe.Answer refused = uploads.complete(alice.token(), id);
        assertThat(refused.error().code().wire()).isEqualTo("image_too_large");
        assertThat(uploads.complete(alice.token(), id).status()).as("the refused upload is gone").isEqualTo(404);
        assertThat(uploads.complete(alice.token(), "u" + "a".repeat(26)).status()).isEqualTo(404);
        assertThat(uploads.complete(alice.token(), "not-an-id").status()).isEqualTo(404);
    }
}
