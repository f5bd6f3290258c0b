package parley.bench.load;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the CPU went during the measured window: this process (the load tool) from the JVM's own
 * accounting; the whole machine from Linux's {@code /proc/stat}; and, when its process id is given
 * and it runs on this machine, the server from {@code /proc/PID/stat}. The Linux figures are
 * absent elsewhere. On a shared machine, machine minus tool minus server is everyone else.
 * Samples are taken on the caller's thread.
 */
public final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux's USER_HZ: the unit of /proc's CPU times, 100 on every common build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Optional<Long> serverPid;

    public CpuMeter(Optional<Long> serverPid) {
        this.serverPid = serverPid;
    }

    /** One reading. Machine ticks are {busy, total}; server ticks are its user + system time. */
    public record Sample(long wallNanos, long processCpuNanos, long gcMillis, Optional<long[]> machineTicks,
                  Optional<Long> serverTicks) {
    }

    /**
     * CPU use over a window, in cores (1.0 = one core busy the whole window).
     *
     * @param machineBusyCores null when /proc/stat could not be read
     * @param serverCores      null without {@code --server-pid} or when its /proc entry could not be read
     */
    public record Usage(int cores, double toolCores, Double serverCores, Double machineBusyCores, long toolGcMillis) {
    }

    public Sample sample() {
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, bean.getCollectionTime());
        }
        return new Sample(System.nanoTime(), cpu, gc, machineTicks(), serverPid.flatMap(CpuMeter::processTicks));
    }

    public Usage between(Sample from, Sample to) {
        int cores = Runtime.getRuntime().availableProcessors();
        double wall = Math.max(1, to.wallNanos() - from.wallNanos());
        double tool = from.processCpuNanos() < 0 ? Double.NaN : (to.processCpuNanos() - from.processCpuNanos()) / wall;
        Double machine = null;
        if (from.machineTicks().isPresent() && to.machineTicks().isPresent()) {
            long busy = to.machineTicks().get()[0] - from.machineTicks().get()[0];
            long total = to.machineTicks().get()[1] - from.machineTicks().get()[1];
            if (total > 0) {
                machine = cores * (double) busy / total;
            }
        }
        Double server = null;
        if (from.serverTicks().isPresent() && to.serverTicks().isPresent()) {
            server = (to.serverTicks().get() - from.serverTicks().get()) / TICKS_PER_SECOND / (wall / 1e9);
        }
        return new Usage(cores, tool, server, machine, to.gcMillis() - from.gcMillis());
    }

    /** utime + stime of a process, in ticks. */
    private static Optional<Long> processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Optional.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** {busy, total} ticks of all CPUs: busy is everything but idle and iowait. */
    private static Optional<long[]> machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] f = lines.getFirst().trim().split("\\s+");
            if (!"cpu".equals(f[0]) || f.length < 6) {
                return Optional.empty();
            }
            long total = 0;
            // user nice system idle iowait irq softirq steal (guest time is already in user)
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return Optional.of(new long[] {total - idle, total});
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
