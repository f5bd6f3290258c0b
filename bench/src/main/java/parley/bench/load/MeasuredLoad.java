package parley.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load phase of a messaging scenario: a warm-up, then the measured window, with a progress
 * line each second; the driver stops at the end. Sets the recorder's window before any load.
 * Runs on the caller's thread.
 */
public final class MeasuredLoad {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Duration warmup;
    private final Duration duration;
    private final Optional<Long> serverPid;
    private final PrintStream log;

    public MeasuredLoad(Duration warmup, Duration duration, Optional<Long> serverPid, PrintStream log) {
        this.warmup = warmup;
        this.duration = duration;
        this.serverPid = serverPid;
        this.log = log;
    }

    /** Runs the load; returns the CPU use over the measured window. */
    public CpuMeter.Usage run(Driver driver, RunRecorder recorder) throws InterruptedException {
        CpuMeter meter = new CpuMeter(serverPid);
        long warmupSeconds = warmup.toSeconds();
        long totalSeconds = warmupSeconds + duration.toSeconds();
        long start = recorder.now();
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(totalSeconds);
        recorder.window(windowStart, end);
        ProgressLine progress = new ProgressLine(recorder, log);
        progress.begin();
        CpuMeter.Sample from = meter.sample();
        CpuMeter.Sample to = from;
        driver.start(end);
        try {
            for (long second = 1; second <= totalSeconds; second++) {
                sleepUntil(recorder, start + TimeUnit.SECONDS.toNanos(second));
                progress.print(second, second <= warmupSeconds ? "warm-up" : "measure");
                if (second == warmupSeconds) {
                    from = meter.sample();
                }
                if (second == totalSeconds) {
                    to = meter.sample();
                }
            }
        } finally {
            driver.stop();
        }
        if (driver.behind() > 0) {
            log.printf("the pacer fell behind: %d sends due before the end were never made (the load tool was"
                    + " short of CPU); the offered rate is below the target%n", driver.behind());
        }
        return meter.between(from, to);
    }

    private static void sleepUntil(RunRecorder recorder, long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - recorder.now()) > 0) {
            LockSupport.parkNanos(Math.min(wait, POLL_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
