package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.MediaSamples;
import parley.it.kit.RawUploads;
import parley.protocol.api.LoginResponse;
import parley.protocol.model.MediaRef;

/**
 * Attack 4: eight progressive JPEGs of a few hundred KB, each repeating a tiny scan thousands of
 * times, completed at once. Decoded scan by scan, each cost about two minutes of CPU, and together
 * they left every request of every user unanswered for minutes. Now such a file is refused from a
 * count of its scans before anything decodes it ({@code image_too_large}), and even with that limit
 * lifted a picture is decoded from its final scan only, under a time budget. Either way the node
 * survives in its small heap, and a bystander keeps chatting, served throughout, losing nothing.
 */
class ImageBombAbuseIT {
    private static final int BOMBS = 8;
    /** 24 megapixels and 10,000 scans in a few hundred KB, like the reported file. */
    private static final byte[] BOMB = MediaSamples.jpegScanBomb(6000, 4000, 10_000);
    /** What the node may hold (heap after a full collection, plus direct buffers) after the attack. */
    private static final long MEMORY_BOUND = 160L * 1024 * 1024;

    @Test
    void eightScanBombsCompletedAtOnceAreRefusedAndEveryoneElseIsServed() throws Exception {
        try (AbuseNode node = AbuseNode.start(); Bystander bystander = new Bystander(node)) {
            assertThat(BOMB.length).isBetween(100 * 1024, 512 * 1024);
            List<HttpProbe.Answer> answers = completeAtOnce(node, bystander);

            for (HttpProbe.Answer answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(422);
                assertThat(answer.error().code().wire()).isEqualTo("image_too_large");
                assertThat(answer.error().message()).contains("scans");
            }
            afterTheAttack(node, bystander);

            // a real progressive photo (about ten scans) is still welcome, thumbnail and all
            LoginResponse someone = node.probe().newUser("photographer");
            RawUploads uploads = new RawUploads(node.http());
            String id = uploads.send(someone.token(), MediaSamples.progressiveJpeg(1600, 1200), "photo.jpg", "image/jpeg");
            HttpProbe.Answer done = uploads.complete(someone.token(), id);
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            MediaRef ref = done.as(MediaRef.class);
            assertThat(ref.width()).isEqualTo(1600);
            assertThat(ref.thumbnail()).isNotNull();
        }
    }

    @Test
    void withTheScanLimitLiftedTheBombsCostOneDecodeEachAndEveryoneElseIsServed() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of("media.max-jpeg-scans", "1000000"));
             Bystander bystander = new Bystander(node)) {
            List<HttpProbe.Answer> answers = completeAtOnce(node, bystander);

            for (HttpProbe.Answer answer : answers) {
                assertThat(answer.status()).as("kept, with or without a thumbnail: %s", answer.body()).isEqualTo(200);
                assertThat(answer.as(MediaRef.class).width()).isEqualTo(6000);
            }
            afterTheAttack(node, bystander);
        }
    }

    /**
     * Uploads the eight bombs (each by its own user), then completes them all at once while the
     * bystander keeps chatting; returns the eight answers.
     */
    private static List<HttpProbe.Answer> completeAtOnce(AbuseNode node, Bystander bystander) throws Exception {
        RawUploads uploads = new RawUploads(node.http());
        List<LoginResponse> attackers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BOMBS; i++) {
            LoginResponse attacker = node.probe().newUser("bomber");
            attackers.add(attacker);
            ids.add(uploads.send(attacker.token(), BOMB, "bomb" + i + ".jpg", "image/jpeg"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(BOMBS);
        try {
            List<Future<HttpProbe.Answer>> completions = new ArrayList<>();
            for (int i = 0; i < BOMBS; i++) {
                LoginResponse attacker = attackers.get(i);
                String id = ids.get(i);
                completions.add(pool.submit(() -> uploads.complete(attacker.token(), id)));
            }
            // served while the attack runs, bounded in rounds and in time: an ack and an API answer each
            // round (a pong only in the first: the node answers a few pings at once, then one per half
            // heartbeat)
            long stopAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            int rounds = 0;
            while (rounds < 300 && System.nanoTime() < stopAt && !completions.stream().allMatch(Future::isDone)) {
                if (rounds == 0) {
                    bystander.isServed();
                } else {
                    bystander.sendAndAwaitAck();
                    bystander.apiAnswers();
                }
                rounds++;
                Thread.sleep(100);
            }
            assertThat(rounds).as("the bystander was served at least once during the attack").isPositive();
            List<HttpProbe.Answer> answers = new ArrayList<>();
            for (Future<HttpProbe.Answer> completion : completions) {
                answers.add(completion.get(3, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void afterTheAttack(AbuseNode node, Bystander bystander) {
        assertThat(node.isAlive()).as("the node survived; its log: %s", node.log()).isTrue();
        assertThat(node.healthy()).isTrue();
        bystander.isServed();
        assertThat(node.heldBytes()).as("bytes held after the attack").isLessThan(MEMORY_BOUND);
        bystander.nothingAckedIsLost();
    }
}
