package parley.client.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import parley.protocol.model.ChatMessage;

/**
 * Releases each chat's messages exactly once, in seq order, with no gap, whatever order they
 * arrive in (push, sync pages, history pages, duplicates of each other).
 *
 * <p>Per chat it keeps {@code held}, the highest seq released (all seqs up to it released), and
 * {@code known}, the highest seq it has heard of. A message with {@code seq <= held} is a
 * duplicate and dropped; {@code seq == held + 1} is released together with any buffered
 * successors that are now contiguous; a higher seq is buffered until the gap before it fills.
 * The buffer is bounded across all chats: a message that does not fit is dropped, but it still
 * raises {@code known}, so the chat shows a gap ({@link #hasGap}) that the owner fills by
 * fetching history after {@code held}.
 *
 * <p>Not thread-safe: confined to the connection's I/O thread.
 */
public final class ChatOrdering {
    private final int maxBuffered;
    private final Map<Long, ChatLine> chats = new HashMap<>();
    private int buffered;

    /**
     * @param maxBuffered out-of-order messages held at most, all chats together
     */
    public ChatOrdering(int maxBuffered) {
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("maxBuffered must be at least 1");
        }
        this.maxBuffered = maxBuffered;
    }

    /**
     * The application already holds the chat up to {@code seq}: releasing starts after it. Meant
     * for before the first message; it never lowers what is held.
     */
    public void startAt(long chatId, long seq) {
        ChatLine line = line(chatId);
        if (seq > line.held) {
            line.held = seq;
            line.known = Math.max(line.known, seq);
            int before = line.ahead.size();
            line.ahead.headMap(seq, true).clear();
            buffered -= before - line.ahead.size();
        }
    }

    /** Takes one message; returns the messages it releases, in order (often just it, maybe none). */
    public List<ChatMessage> offer(ChatMessage message) {
        ChatLine line = line(message.chatId());
        long seq = message.seq();
        if (seq <= line.held || line.ahead.containsKey(seq)) {
            return List.of();
        }
        line.known = Math.max(line.known, seq);
        if (seq > line.held + 1) {
            if (buffered < maxBuffered) {
                line.ahead.put(seq, message);
                buffered++;
            }
            return List.of();
        }
        List<ChatMessage> released = new ArrayList<>();
        released.add(message);
        line.held = seq;
        while (!line.ahead.isEmpty() && line.ahead.firstKey() == line.held + 1) {
            released.add(line.ahead.pollFirstEntry().getValue());
            buffered--;
            line.held++;
        }
        return released;
    }

    /** The server says the chat's last seq is at least this (a chat state, an ack). */
    public void noteLastSeq(long chatId, long lastSeq) {
        ChatLine line = line(chatId);
        line.known = Math.max(line.known, lastSeq);
    }

    /** The highest seq released for the chat; 0 when none. */
    public long held(long chatId) {
        ChatLine line = chats.get(chatId);
        return line == null ? 0 : line.held;
    }

    /** Every chat seen, to its held seq: the {@code since} of a sync. */
    public Map<Long, Long> heldSeqs() {
        Map<Long, Long> result = new HashMap<>();
        chats.forEach((chatId, line) -> result.put(chatId, line.held));
        return result;
    }

    /** Whether the chat has seqs it knows of but has not released. */
    public boolean hasGap(long chatId) {
        ChatLine line = chats.get(chatId);
        return line != null && line.known > line.held;
    }

    /** The chats with a gap, in ascending id. */
    public SortedSet<Long> chatsWithGaps() {
        SortedSet<Long> result = new TreeSet<>();
        chats.forEach((chatId, line) -> {
            if (line.known > line.held) {
                result.add(chatId);
            }
        });
        return result;
    }

    /** Out-of-order messages currently held, all chats together. */
    public int bufferedCount() {
        return buffered;
    }

    private ChatLine line(long chatId) {
        return chats.computeIfAbsent(chatId, id -> new ChatLine());
    }

    private static final class ChatLine {
        long held;
        long known;
        final NavigableMap<Long, ChatMessage> ahead = new TreeMap<>();
    }
}
