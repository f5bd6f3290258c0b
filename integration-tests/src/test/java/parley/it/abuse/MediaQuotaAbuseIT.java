package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.MediaSamples;
import parley.it.kit.RawUploads;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UploadStatus;

/**
 * Attack 6, media: one user pours bytes into the node's media store, upload after upload, cancelling
 * each to dodge the count of unfinished uploads. The bytes a user may declare in a day are bounded
 * ({@code media.bytes-per-user-per-day}, 8 MiB here): past them, {@code rate_limited} with the time
 * until enough of the day's bytes stop counting; cancelling does not give them back. Other users
 * keep their own allowance, and a bystander keeps chatting, losing nothing.
 */
class MediaQuotaAbuseIT {
    private static final long MIB = 1024 * 1024;
    private static final int ATTEMPTS = 200;

    @Test
    void aUserPastTheDailyBytesIsRefusedWithARetryHintWhileOthersUploadAndChat() {
        Map<String, String> settings = Map.of("media.bytes-per-user-per-day", "8m", "media.max-file-mib", "4",
                "media.chunk-mib", "4", "media.uploads-per-minute", "10000");
        try (AbuseNode node = AbuseNode.start(settings); Bystander bystander = new Bystander(node)) {
            LoginResponse attacker = node.probe().newUser("hoarder");
            RawUploads uploads = new RawUploads(node.http());
            byte[] mebibyte = MediaSamples.random((int) MIB, 7);

            int accepted = 0;
            HttpProbe.Answer refusal = null;
            for (int i = 0; i < ATTEMPTS && refusal == null; i++) {
                HttpProbe.Answer created = uploads.create(attacker.token(), MIB, "junk" + i + ".bin", null);
                if (created.status() != 201) {
                    refusal = created;
                    break;
                }
                accepted++;
                String id = created.as(UploadStatus.class).uploadId();
                assertThat(uploads.put(attacker.token(), id, 0, mebibyte).status()).isEqualTo(200);
                assertThat(uploads.cancel(attacker.token(), id).status()).isEqualTo(204);
                bystander.sendAndAwaitAck();
                bystander.apiAnswers();
            }

            assertThat(accepted).as("uploads of 1 MiB started within 8 MiB a day").isEqualTo(8);
            assertThat(refusal).isNotNull();
            assertThat(refusal.status()).isEqualTo(429);
            assertThat(refusal.error().code().wire()).isEqualTo("rate_limited");
            assertThat(refusal.error().retryAfterMs()).as("the first of the day's bytes stop counting within a day")
                    .isPositive().isLessThanOrEqualTo(24 * 3600 * 1000L);
            assertThat(uploads.create(attacker.token(), 1, "one-byte.bin", null).status())
                    .as("still refused: cancelled uploads count").isEqualTo(429);
            assertThat(uploads.create(attacker.token(), 5 * MIB, "too-big.bin", null).error().code().wire())
                    .isEqualTo("file_too_large");

            LoginResponse someone = node.probe().newUser("neighbour");
            String id = uploads.send(someone.token(), MediaSamples.pdf((int) (3 * MIB), 3), "report.pdf",
                    "application/pdf");
            assertThat(uploads.complete(someone.token(), id).status()).as("another user's allowance is their own")
                    .isEqualTo(200);

            assertThat(node.isAlive()).isTrue();
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    @Test
    void aFileLargerThanTheWholeDailyAllowanceIsRefusedForGood() {
        try (AbuseNode node = AbuseNode.start(Map.of("media.bytes-per-user-per-day", "2m", "media.max-file-mib", "4"))) {
            LoginResponse user = node.probe().newUser("big");
            HttpProbe.Answer answer = new RawUploads(node.http()).create(user.token(), 3 * MIB, "movie.mp4", null);

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.error().code().wire()).isEqualTo("quota_exceeded");
            assertThat(answer.error().retryAfterMs()).isNull();
        }
    }
}
