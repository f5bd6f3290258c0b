package parley.bench.wire;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import parley.bench.load.AckSink;
import parley.bench.load.BenchUser;

/**
 * Writes history before a measurement: for each chat, its writer connects (a raw session), sends
 * its messages with a window of acks in flight, and disconnects; at most {@code concurrency}
 * writers at once. Every ack goes to the chat's {@link AckSink}, so the verdict knows what must
 * be there. A writer whose connection fails before it is ready is tried again. Used on the caller's thread; bounded by a time limit per group of writers.
 */
public final class ChatFiller {
    private static final int WINDOW = 32;
    private static final int ATTEMPTS = 5;
    private static final Duration GROUP_LIMIT = Duration.ofMinutes(5);

    /** One chat to fill, by one of its members. */
    public record Fill(long chatId, BenchUser writer, AckSink acks) {
    }

    private final WireClients clients;
    private final int concurrency;
    private final PrintStream log;

    public ChatFiller(WireClients clients, int concurrency, PrintStream log) {
        this.clients = clients;
        this.concurrency = concurrency;
        this.log = log;
    }

    /**
     * Connects the writer and sends; a connection that fails before {@code ready} (nothing sent
     * yet, so nothing can be doubled) is tried again, up to {@link #ATTEMPTS} times.
     */
    private CompletableFuture<Void> write(Fill fill, int messages, String text, Recorder latency,
                                         List<WireSession> sessions, List<WireSender> senders, int attempt) {
        WireSender sender = new WireSender(fill.chatId(), fill.writer().userId(), fill.acks(), latency, text, WINDOW);
        synchronized (sessions) {
            sessions.add(clients.open(fill.writer().token(), sender, fill.writer()).session());
            senders.add(sender);
        }
        return sender.ready().handle((ready, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return sender.send(messages);
            }
            if (attempt < ATTEMPTS) {
                return write(fill, messages, text, latency, sessions, senders, attempt + 1);
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    /** Fills every chat with {@code messages} messages of {@code text}; returns the sends the server refused. */
    public long fill(List<Fill> fills, int messages, String text) throws Exception {
        Recorder latency = new Recorder(3);
        long failed = 0;
        long started = System.nanoTime();
        for (int from = 0; from < fills.size(); from += concurrency) {
            List<Fill> group = fills.subList(from, Math.min(fills.size(), from + concurrency));
            List<WireSession> sessions = new ArrayList<>();
            List<WireSender> senders = new ArrayList<>();
            List<CompletableFuture<?>> done = new ArrayList<>();
            try {
                for (Fill fill : group) {
                    done.add(write(fill, messages, text, latency, sessions, senders, 1));
                }
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(GROUP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                synchronized (sessions) {
                    sessions.forEach(WireSession::close);
                }
            }
            synchronized (sessions) {
                for (WireSender sender : senders) {
                    failed += sender.failed();
                }
            }
            log.printf("  filled %d of %d chats with %d messages each (%.1f s)%n", from + group.size(), fills.size(),
                    messages, (System.nanoTime() - started) / 1e9);
        }
        return failed;
    }
}
