package parley.bench.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Recorder;
import parley.bench.wire.WireListener;
import parley.bench.wire.WireSession;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * Scrolls back through whole chats over one raw session, as a user reading old history: the
 * newest page first, then page after page of older ones ({@code before} the oldest seq seen) until
 * the server says there is no more. One request in flight at a time, so each page's time (request
 * to answer, microseconds) is its latency. Checks what a reader would: the pages of a chat join
 * up, seq by seq, from its newest message down to seq 1. Runs on the session's event loop after
 * {@link #start}; its state is only touched there (and read after {@link #done} completes).
 */
final class HistoryPager implements WireListener {
    private final List<Long> chats;
    private final int limit;
    private final Recorder pageLatency;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final List<String> problems = new ArrayList<>();
    private int chatIndex;
    private long lowestSeen;
    private long askedAt;
    private long pages;
    private long messages;

    /**
     * @param chats the chats to read, each from its newest message to its first
     */
    HistoryPager(List<Long> chats, int limit, Recorder pageLatency) {
        this.chats = List.copyOf(chats);
        this.limit = limit;
        this.pageLatency = pageLatency;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    long pages() {
        return pages;
    }

    long messages() {
        return messages;
    }

    /** Problems found, in words (valid once {@link #done} completed). */
    List<String> problems() {
        return problems;
    }

    @Override
    public void ready(WireSession session, ServerFrame.Ready ready) {
        if (chats.isEmpty()) {
            done.complete(null);
            return;
        }
        startChat(session);
    }

    @Override
    public void frame(WireSession session, ServerFrame frame) {
        switch (frame) {
            case ServerFrame.History answer -> page(session, answer.page().messages(), answer.page().more());
            case ServerFrame.Error error -> done.completeExceptionally(
                    new IllegalStateException("history refused: " + error.code().wire() + " " + error.message()));
            default -> {
            }
        }
    }

    @Override
    public void closed(WireSession session, String why) {
        done.completeExceptionally(new IllegalStateException("history connection closed: " + why));
    }

    private void startChat(WireSession session) {
        lowestSeen = Long.MAX_VALUE;
        ask(session, null);
    }

    private void page(WireSession session, List<ChatMessage> page, boolean more) {
        pageLatency.recordValue(Math.max(0, (System.nanoTime() - askedAt) / 1_000));
        pages++;
        messages += page.size();
        long chatId = chats.get(chatIndex);
        long previous = -1;
        for (ChatMessage message : page) {
            if (previous >= 0 && message.seq() != previous + 1) {
                problem("chat " + chatId + ": a history page jumps from seq " + previous + " to " + message.seq());
            }
            previous = message.seq();
        }
        if (!page.isEmpty()) {
            long top = page.getLast().seq();
            if (lowestSeen != Long.MAX_VALUE && top != lowestSeen - 1) {
                problem("chat " + chatId + ": older page ends at seq " + top + ", the newer one began at " + lowestSeen);
            }
            lowestSeen = page.getFirst().seq();
        }
        if (more && !page.isEmpty()) {
            ask(session, lowestSeen);
            return;
        }
        if (lowestSeen != 1) {
            problem("chat " + chatId + ": history ended at seq " + lowestSeen + ", not at seq 1");
        }
        chatIndex++;
        if (chatIndex == chats.size()) {
            done.complete(null);
        } else {
            startChat(session);
        }
    }

    private void ask(WireSession session, Long before) {
        askedAt = System.nanoTime();
        session.send(new ClientFrame.History("h-" + pages, chats.get(chatIndex), before, null, limit));
    }

    private void problem(String text) {
        if (problems.size() < 10) {
            problems.add(text);
        }
    }
}
