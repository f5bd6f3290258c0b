package parley.client.terminal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The ticks of my own recent messages, per chat: sent (one tick), delivered and read (two). A
 * watermark moves every message at or below it; {@link #advance} says which ranges moved, so the
 * REPL prints one line per range. Keeps the newest {@code perChat} messages of each chat.
 * Thread-safe.
 */
final class TickBoard {
    enum Tick { SENT, DELIVERED, READ }

    /** Messages {@code fromSeq..toSeq} of a chat reached {@code tick}. */
    record Moved(long chatId, long fromSeq, long toSeq, Tick tick) {
    }

    private final int perChat;
    private final Map<Long, NavigableMap<Long, Tick>> chats = new HashMap<>();

    TickBoard(int perChat) {
        this.perChat = perChat;
    }

    /** One of my messages is stored (sent). */
    synchronized void sent(long chatId, long seq) {
        NavigableMap<Long, Tick> ticks = chats.computeIfAbsent(chatId, id -> new TreeMap<>());
        ticks.putIfAbsent(seq, Tick.SENT);
        while (ticks.size() > perChat) {
            ticks.pollFirstEntry();
        }
    }

    /** The others' watermarks of the chat; returns the ranges that moved, read before delivered. */
    synchronized List<Moved> advance(long chatId, long delivered, long read) {
        NavigableMap<Long, Tick> ticks = chats.get(chatId);
        List<Moved> moved = new ArrayList<>();
        if (ticks == null) {
            return moved;
        }
        collect(chatId, ticks, read, Tick.READ, moved);
        collect(chatId, ticks, delivered, Tick.DELIVERED, moved);
        return moved;
    }

    synchronized Tick tick(long chatId, long seq) {
        NavigableMap<Long, Tick> ticks = chats.get(chatId);
        return ticks == null ? null : ticks.get(seq);
    }

    private static void collect(long chatId, NavigableMap<Long, Tick> ticks, long upTo, Tick level, List<Moved> out) {
        long from = -1;
        long to = -1;
        for (Map.Entry<Long, Tick> entry : ticks.headMap(upTo, true).entrySet()) {
            if (entry.getValue().compareTo(level) < 0) {
                entry.setValue(level);
                from = from < 0 ? entry.getKey() : from;
                to = entry.getKey();
            }
        }
        if (from >= 0) {
            out.add(new Moved(chatId, from, to, level));
        }
    }
}
