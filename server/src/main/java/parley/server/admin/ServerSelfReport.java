package parley.server.admin;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import parley.protocol.api.ServerStats;
import parley.server.gateway.SessionRegistry;

/**
 * The node's account of itself: its memory as the JVM sees it (heap; direct buffers, the JDK's and
 * Netty's) and as the
 * operating system does (resident set, from {@code VmRSS} of {@code /proc/self/status}), and its
 * sessions. Each call takes a fresh reading; nothing is cached, so it is thread-safe.
 */
public final class ServerSelfReport {
    private final SessionRegistry sessions;
    private final Path procStatus;
    private final Clock clock;
    private final long startedAt;

    /**
     * @param procStatus the process's status file ({@code /proc/self/status} on Linux); a missing or
     *                   unreadable one gives a resident size of -1
     */
    public ServerSelfReport(SessionRegistry sessions, Path procStatus, Clock clock) {
        this.sessions = sessions;
        this.procStatus = procStatus;
        this.clock = clock;
        this.startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * @param collectFirst run a full garbage collection first (a pause of the whole node, for an
     *                     operator's measurement), so that the heap in use is the live set
     */
    public ServerStats report(boolean collectFirst) {
        if (collectFirst) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed();
            }
        }
        // Netty's own direct memory (allocated without the JDK's accounting), when it tracks it
        direct += Math.max(0, PlatformDependent.usedDirectMemory());
        return new ServerStats(heap.getUsed(), heap.getCommitted(), direct, residentBytes(procStatus).orElse(-1),
                sessions.size(), sessions.users(), ManagementFactory.getThreadMXBean().getThreadCount(),
                Math.max(0, clock.millis() - startedAt));
    }

    /** The {@code VmRSS} line of a Linux status file ("VmRSS:   123456 kB"), in bytes. */
    static OptionalLong residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    long kib = Long.parseLong(parts[0]);
                    return OptionalLong.of(kib * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException unavailable) {
            return OptionalLong.empty();
        }
    }
}
