package parley.client.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import parley.protocol.frame.ClientFrame;
import parley.protocol.model.ReceiptKind;

/**
 * Receipts waiting to be sent, coalesced: per chat and kind only the highest seq is kept, and a
 * receipt no higher than one already sent is not sent again. The application's own receipts
 * ({@link #mark}) wait here while offline; automatic {@code delivered} receipts are recorded as
 * "this chat has new messages" ({@link #delivered}) and resolved to the chat's held seq when
 * drained, so a burst of messages yields one receipt per chat.
 *
 * <p>Receipts drained for a socket that then drops may never have reached the server; {@link
 * #socketDropped} queues them again (watermarks only move forward, so a repeat is harmless).
 *
 * <p>Not thread-safe: confined to the connection's I/O thread.
 */
public final class ReceiptQueue {
    private record Key(long chatId, ReceiptKind kind) {
    }

    private final Map<Key, Long> marked = new LinkedHashMap<>();
    private final Set<Long> deliveredChats = new LinkedHashSet<>();
    private final Map<Key, Long> sent = new HashMap<>();
    private final Map<Key, Long> sentOnSocket = new HashMap<>();

    /** The application marks the chat delivered or read up to seq. */
    public void mark(long chatId, ReceiptKind kind, long seq) {
        marked.merge(new Key(chatId, kind), seq, Math::max);
    }

    /** New messages of the chat were handed to the application. */
    public void delivered(long chatId) {
        deliveredChats.add(chatId);
    }

    /** The socket dropped: the receipts sent on it are sent again on the next one. */
    public void socketDropped() {
        sentOnSocket.forEach((key, seq) -> {
            marked.merge(key, seq, Math::max);
            sent.remove(key);
        });
        sentOnSocket.clear();
    }

    /** A new socket is ready: what is drained from now on is sent on it. */
    public void socketReady() {
        sentOnSocket.clear();
    }

    public boolean isEmpty() {
        return marked.isEmpty() && deliveredChats.isEmpty();
    }

    /**
     * The receipts to send now, and forgets them.
     *
     * @param held the chat's highest seq handed to the application (for automatic receipts)
     */
    public List<ClientFrame.Receipt> drain(LongUnaryOperator held) {
        for (long chatId : deliveredChats) {
            marked.merge(new Key(chatId, ReceiptKind.DELIVERED), held.applyAsLong(chatId), Math::max);
        }
        deliveredChats.clear();
        List<ClientFrame.Receipt> result = new ArrayList<>();
        marked.forEach((key, seq) -> {
            long already = sent.getOrDefault(key, 0L);
            if (key.kind() == ReceiptKind.DELIVERED) {
                already = Math.max(already, sent.getOrDefault(new Key(key.chatId(), ReceiptKind.READ), 0L));
            }
            if (seq > already) {
                sent.put(key, seq);
                sentOnSocket.put(key, seq);
                result.add(new ClientFrame.Receipt(null, key.chatId(), key.kind(), seq));
            }
        });
        marked.clear();
        return result;
    }
}
