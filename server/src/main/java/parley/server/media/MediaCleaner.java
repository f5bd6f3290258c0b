package parley.server.media;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.server.config.MediaConfig;
import parley.server.media.blob.BlobStore;
import parley.server.quota.StorageQuota;
import parley.server.store.MediaStore;
import parley.server.store.MediaStore.StoredMedia;
import parley.server.store.MediaStore.Upload;

/**
 * The background clean-up: deletes uploads nobody has written to for a while (their parts and
 * rows), the daily upload quota's counts older than a day, and finished media that no message refers to after a while (their rows, then the blobs no
 * other media uses). Runs every {@code cleanupSeconds} on its own thread, a bounded batch per pass;
 * several nodes may run it at once (each deletion is idempotent).
 */
public final class MediaCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaCleaner.class);
    private static final int BATCH = 500;

    private final MediaStore store;
    private final BlobStore blobs;
    private final MediaConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final StorageQuota quota;

    public MediaCleaner(MediaStore store, BlobStore blobs, MediaConfig config, StorageQuota quota, Clock clock) {
        this.store = store;
        this.quota = quota;
        this.blobs = blobs;
        this.config = config;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("parley-media-cleaner")
                .daemon(true).factory());
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runSafely, config.cleanupSeconds(), config.cleanupSeconds(), TimeUnit.SECONDS);
    }

    private void runSafely() {
        try {
            Result result = runOnce();
            if (result.uploads() + result.media() > 0) {
                LOG.info("media clean-up: {} abandoned uploads and {} unsent files deleted", result.uploads(),
                        result.media());
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("media clean-up failed; it runs again in {} s: {}", config.cleanupSeconds(), e.toString());
        }
    }

    /** What one pass deleted. */
    public record Result(int uploads, int media) {
    }

    /** One pass; also for tests. */
    public Result runOnce() throws IOException {
        long now = clock.millis();
        List<Upload> abandoned = store.abandonedUploads(now - 1000L * config.abandonedUploadSeconds(), BATCH);
        for (Upload upload : abandoned) {
            blobs.deleteParts(upload.id());
            store.deleteUpload(upload.id());
        }
        store.forgetUploadBytes(now - UploadService.DAY_MILLIS);
        List<StoredMedia> unsent = store.unreferencedMedia(now - 1000L * config.unsentMediaSeconds(), BATCH);
        for (StoredMedia media : unsent) {
            for (String key : store.deleteMedia(media.id())) {
                blobs.delete(key);
            }
            quota.add(media.ownerId(), -media.ref().size());
        }
        return new Result(abandoned.size(), unsent.size());
    }

    /** The clean-up's timer: a health check posts to it to see that it still runs. */
    public java.util.concurrent.Executor timer() {
        return timer;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
