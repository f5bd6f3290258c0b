package parley.server.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import parley.server.store.AdvanceResult;

/**
 * Coalesces the watermark pushes of big groups, so that a message read by a thousand members does
 * not send a thousand frames to every session at once: per chat, at most one batch per window
 * ({@code windowMillis}, one second in production), holding only the newest watermarks of each
 * member that moved. The first receipt after a quiet window is pushed at once; later ones wait for
 * the window to end.
 *
 * <p>Concurrency: {@link #offer} runs on the writer thread, flushes on short-lived virtual threads.
 * Each chat's {@link Pending} is guarded by its own monitor; a batch is taken and cleared under it,
 * and pushed outside it. Hazard: two batches of one chat may reach a session out of order; that
 * is harmless, as watermarks only move forward and clients keep the highest.
 */
final class ReceiptCoalescer {
    private final long windowMillis;
    private final Clock clock;
    private final Consumer<AdvanceResult.Moved> push;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        final Map<Long, AdvanceResult.Moved> latest = new LinkedHashMap<>();
        boolean scheduled;
        long lastFlush = Long.MIN_VALUE / 2;
    }

    ReceiptCoalescer(long windowMillis, Clock clock, Consumer<AdvanceResult.Moved> push) {
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.push = push;
    }

    void offer(AdvanceResult.Moved moved) {
        Pending chat = pending.computeIfAbsent(moved.chatId(), id -> new Pending());
        long delay;
        synchronized (chat) {
            chat.latest.put(moved.userId(), moved);
            if (chat.scheduled) {
                return;
            }
            chat.scheduled = true;
            delay = Math.max(0, chat.lastFlush + windowMillis - clock.millis());
        }
        if (delay == 0) {
            flush(chat);
            return;
        }
        Thread.ofVirtual().name("parley-receipts").start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flush(chat);
        });
    }

    private void flush(Pending chat) {
        List<AdvanceResult.Moved> batch;
        synchronized (chat) {
            batch = new ArrayList<>(chat.latest.values());
            chat.latest.clear();
            chat.scheduled = false;
            chat.lastFlush = clock.millis();
        }
        batch.forEach(push);
    }
}
