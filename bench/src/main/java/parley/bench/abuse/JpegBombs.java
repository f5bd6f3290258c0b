package parley.bench.abuse;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import parley.bench.load.LatencySummary;
import parley.protocol.api.CreateUploadRequest;
import parley.protocol.api.UploadStatus;

/**
 * Progressive-JPEG bombs ({@link ProgressiveJpegBomb}) uploaded and completed by several requests
 * at once: create the upload, PUT its one chunk, POST complete, over and over. Completing makes
 * the node read the picture's dimensions and make its thumbnail, which for this picture means one
 * full decode per scan. An answered completion counts as the node having done the work, whatever
 * its answer ({@code 200}, or a {@code 422} after decoding); {@code 429} and {@code 503} are
 * refusals, and so is a {@code 422} that says so before decoding ({@code image_too_large}).
 */
final class JpegBombs implements Attack {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMPLETE_TIMEOUT = Duration.ofSeconds(60);

    private final AttackSetup setup;
    private final byte[] bomb;
    private final Histogram completeMicros = new SynchronizedHistogram(3);

    JpegBombs(AttackSetup setup) {
        this.setup = setup;
        AbuseOptions o = setup.options();
        this.bomb = ProgressiveJpegBomb.bytes(o.bombSide(), o.bombSide(), o.bombScans());
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        tally.fact("bomb", setup.options().bombSide() + "x" + setup.options().bombSide() + " grey, "
                + setup.options().bombScans() + " scans, " + bomb.length + " bytes");
        String token = setup.attacker().token();
        AttackerNet net = setup.net();
        Workers.run("jpeg", setup.options().bombConcurrency(), control, tally, worker -> {
            HttpAnswer created = net.json("POST", "/api/media/uploads", token,
                    new CreateUploadRequest(bomb.length, "bomb.jpg", "image/jpeg"), CALL_TIMEOUT);
            if (!created.ok()) {
                refusedOrFailed(tally, "create", created);
                control.pause(100);
                return;
            }
            String id = net.codec().read(created.body(), UploadStatus.class).uploadId();
            HttpAnswer put = net.call("PUT", "/api/media/uploads/" + id + "?offset=0", token, bomb, CALL_TIMEOUT);
            if (!put.ok()) {
                refusedOrFailed(tally, "put", put);
                return;
            }
            long start = System.nanoTime();
            HttpAnswer done = net.call("POST", "/api/media/uploads/" + id + "/complete", token, null,
                    COMPLETE_TIMEOUT);
            completeMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
            String label = "complete: " + done.label();
            if (done.label().contains("image_too_large")) {
                tally.refused(label);
            } else {
                tally.count(new HttpAnswer(done.status(), label, done.body()));
            }
        });
        LatencySummary complete = LatencySummary.of(completeMicros);
        tally.fact("completions", complete.count());
        tally.fact("complete: wait p50 ms", complete.p50Ms());
        tally.fact("complete: wait max ms", complete.maxMs());
    }

    /** An upload step not taken: the node said no before any decoding (or did not answer). */
    private static void refusedOrFailed(Tally tally, String step, HttpAnswer answer) {
        if (answer.status() == 0) {
            tally.failed(step + ": " + answer.label());
        } else {
            tally.refused(step + ": " + answer.label());
        }
    }
}
