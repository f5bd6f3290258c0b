package parley.server.store;

import java.util.List;
import java.util.Map;
import parley.protocol.model.MessagePage;

/**
 * The chats' messages and receipt watermarks: the heart of Parley's promises.
 *
 * <ul>
 *   <li><b>Order.</b> Each chat's messages get seqs 1, 2, 3, ... with no gap and no repeat, also
 *   with several writers (threads or nodes) appending to one chat at once.</li>
 *   <li><b>Exactly once.</b> A message is identified by (chat, sender, client message id). Appending
 *   it again returns the stored message (same seq, same server time) and stores nothing new, in
 *   the same batch, a later batch, or after a restart.</li>
 *   <li><b>Durability.</b> When {@link #append} returns, the whole batch is committed (one
 *   transaction, so one fsync serves the batch); if it throws, none of it is.</li>
 *   <li><b>Members only.</b> A sender who is not a member of the chat stores nothing.</li>
 *   <li><b>Watermarks</b> only move forward, never past the chat's last seq; read implies
 *   delivered.</li>
 * </ul>
 * Reads take no membership check: callers ask {@link ChatStore#isMember} first.
 * Implementations are thread-safe.
 */
public interface MessageStore {

    /** Appends a batch of messages in one transaction; one result per append, in order. */
    List<AppendResult> append(List<Append> batch, long now);

    /** Moves watermarks forward in one transaction; one result per advance, in order. */
    List<AdvanceResult> advance(List<Advance> batch, long now);

    /** The chat's last seq; 0 for an empty or unknown chat. */
    long lastSeq(long chatId);

    /** A page of history; see {@link HistoryQuery}. */
    MessagePage history(long chatId, HistoryQuery query);

    /**
     * What a user misses: walks the user's chats in ascending chat id from {@code fromChat}, and
     * for each returns its state and the messages after {@code since.get(chat)} (0 when absent), up
     * to {@code limit} messages and {@code maxChats} chats in all. {@code next} in the answer is the
     * chat id to continue from, absent when the walk is complete. The page also stops once its
     * texts reach {@code maxBytes} (UTF-8; at least one message always fits), cutting the chat it
     * is in like {@code limit} does.
     */
    SyncPage sync(long userId, Map<Long, Long> since, long fromChat, int limit, int maxChats, long maxBytes);

    /** {@link #sync(long, Map, long, int, int, long)} without a byte bound. */
    default SyncPage sync(long userId, Map<Long, Long> since, long fromChat, int limit, int maxChats) {
        return sync(userId, since, fromChat, limit, maxChats, Long.MAX_VALUE);
    }
}
