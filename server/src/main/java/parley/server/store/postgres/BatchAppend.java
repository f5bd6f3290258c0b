package parley.server.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import parley.protocol.model.ChatMessage;
import parley.server.store.Append;
import parley.server.store.AppendResult;

/**
 * Appends one batch of messages inside the caller's write transaction, correctly with any number of
 * writers at once, on this node and on others.
 *
 * <p><b>Invariants.</b> A chat's seqs run 1, 2, 3, ... with no gap and no repeat; a (chat, sender,
 * client message id) names one message; a batch is stored whole or not at all.
 *
 * <p><b>How.</b> The transaction first locks the rows of every chat the batch touches, in ascending
 * chat id order ({@code SELECT id, last_seq FROM chats WHERE id = ANY(?) ORDER BY id FOR NO KEY
 * UPDATE}). Every writer takes chat locks in that one order, so two batches sharing chats queue
 * behind each other instead of deadlocking. ({@code NO KEY UPDATE} is the lock an UPDATE of
 * {@code last_seq} takes anyway: it excludes every other appender, yet does not block the
 * foreign-key checks of rows that reference the chat.) While the batch holds a chat's lock:
 * <ul>
 *   <li>its members are read once. Code that adds or removes members must lock the chat row the
 *   same way (a member insert's foreign-key check alone does not conflict), so that these are the
 *   members at commit time;</li>
 *   <li>the dedupe lookup by (chat, sender, client id) is exact: any other insert of the same key
 *   needed the same lock, so it has committed (and the lookup's snapshot, taken after the lock was
 *   granted, sees it) or it has not started; keys repeated inside the batch are found in memory;</li>
 *   <li>the next seq is the locked {@code last_seq} + 1, counted on in memory through the batch;</li>
 *   <li>the new rows go in one batched INSERT, and each chat's {@code last_seq} and
 *   {@code last_activity} are written once at the end, all chats in one UPDATE (one statement per
 *   chat would cost the executor's per-statement overhead 256 times for a batch across 256
 *   chats).</li>
 * </ul>
 *
 * <p><b>Hazard.</b> If any statement fails, the caller rolls the transaction back: nothing of the
 * batch is stored and the seqs counted in memory are dropped with it. Confined to one thread and one
 * transaction.
 */
final class BatchAppend {

    private record Key(long chatId, long senderId, UUID clientMsgId) {
        static Key of(Append append) {
            return new Key(append.chatId(), append.senderId(), append.clientMsgId());
        }
    }

    private BatchAppend() {
    }

    /** Appends the batch in {@code connection}'s open transaction; one result per append, in order. */
    static List<AppendResult> run(Connection connection, List<Append> batch, long now) throws SQLException {
        Long[] chatIds = batch.stream().map(Append::chatId).distinct().sorted().toArray(Long[]::new);
        Map<Long, Long> lastSeqs = lockChats(connection, chatIds);
        Map<Long, List<Long>> members = ChatMembers.of(connection, lastSeqs.keySet());
        List<Append> candidates = batch.stream()
                .filter(append -> members.getOrDefault(append.chatId(), List.of()).contains(append.senderId()))
                .toList();
        Map<Key, ChatMessage> stored = findStored(connection, candidates);

        List<AppendResult> results = new ArrayList<>(batch.size());
        List<ChatMessage> fresh = new ArrayList<>();
        TreeMap<Long, Long> advanced = new TreeMap<>();
        for (Append append : batch) {
            List<Long> audience = members.getOrDefault(append.chatId(), List.of());
            if (!audience.contains(append.senderId())) {
                results.add(new AppendResult.NotMember());
                continue;
            }
            ChatMessage earlier = stored.get(Key.of(append));
            if (earlier != null) {
                results.add(new AppendResult.Stored(earlier, true, audience));
                continue;
            }
            long seq = lastSeqs.merge(append.chatId(), 1L, Long::sum);
            ChatMessage message = new ChatMessage(append.chatId(), seq, append.senderId(), append.clientMsgId(),
                    append.kind(), append.text(), now, null, append.media());
            stored.put(Key.of(append), message);
            fresh.add(message);
            advanced.put(append.chatId(), seq);
            results.add(new AppendResult.Stored(message, false, audience));
        }
        insert(connection, fresh);
        advanceChats(connection, advanced, now);
        return results;
    }

    /** Locks the chats that exist, in ascending id order; their last seqs by id. */
    private static Map<Long, Long> lockChats(Connection connection, Long[] chatIds) throws SQLException {
        Map<Long, Long> lastSeqs = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id, last_seq FROM chats WHERE id = ANY (?) ORDER BY id FOR NO KEY UPDATE")) {
            Array ids = connection.createArrayOf("bigint", chatIds);
            lock.setArray(1, ids);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    lastSeqs.put(rows.getLong(1), rows.getLong(2));
                }
            } finally {
                ids.free();
            }
        }
        return lastSeqs;
    }

    /** The messages already stored under the appends' keys, in one lookup. */
    private static Map<Key, ChatMessage> findStored(Connection connection, List<Append> appends) throws SQLException {
        Map<Key, ChatMessage> found = new HashMap<>();
        if (appends.isEmpty()) {
            return found;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT "
                + "m.chat_id, m.seq, m.sender_id, m.client_msg_id, m.kind, m.body, m.server_time, m.media"
                + " FROM unnest(?::bigint[], ?::bigint[], ?::uuid[]) AS k (chat_id, sender_id, client_msg_id)"
                + " JOIN messages m ON m.chat_id = k.chat_id AND m.sender_id = k.sender_id"
                + " AND m.client_msg_id = k.client_msg_id")) {
            Array chats = connection.createArrayOf("bigint", appends.stream().map(Append::chatId).toArray());
            Array senders = connection.createArrayOf("bigint", appends.stream().map(Append::senderId).toArray());
            Array clientIds = connection.createArrayOf("uuid", appends.stream().map(Append::clientMsgId).toArray());
            query.setArray(1, chats);
            query.setArray(2, senders);
            query.setArray(3, clientIds);
            try {
                for (ChatMessage message : MessageRows.readAll(query)) {
                    found.put(new Key(message.chatId(), message.senderId(), message.clientMsgId()), message);
                }
            } finally {
                chats.free();
                senders.free();
                clientIds.free();
            }
        }
        return found;
    }

    private static void insert(Connection connection, List<ChatMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(MessageRows.INSERT)) {
            for (ChatMessage message : messages) {
                MessageRows.bind(insert, message);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Writes each chat's new last seq and activity time, once per chat, in one statement. */
    private static void advanceChats(Connection connection, TreeMap<Long, Long> lastSeqs, long now)
            throws SQLException {
        if (lastSeqs.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE chats c SET last_seq = v.last_seq, last_activity = GREATEST(c.last_activity, ?)
                  FROM unnest(?::bigint[], ?::bigint[]) AS v (id, last_seq)
                 WHERE c.id = v.id""")) {
            Array ids = connection.createArrayOf("bigint", lastSeqs.keySet().toArray());
            Array seqs = connection.createArrayOf("bigint", lastSeqs.values().toArray());
            update.setLong(1, now);
            update.setArray(2, ids);
            update.setArray(3, seqs);
            try {
                update.executeUpdate();
            } finally {
                ids.free();
                seqs.free();
            }
        }
    }
}
