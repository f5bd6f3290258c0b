package parley.server.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import parley.protocol.model.ReceiptKind;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;

/**
 * Moves the receipt watermarks of one batch inside the caller's write transaction, correctly with
 * any number of writers at once, on this node and on others.
 *
 * <p><b>Invariants.</b> A watermark only grows, never past the chat's last seq; read implies
 * delivered (the schema's CHECK holds read &lt;= delivered); the advances of a batch apply in order.
 *
 * <p><b>How.</b> The transaction first locks the member rows the batch touches, in ascending
 * (chat id, user id) order: every writer takes them in that one order, so two batches cannot
 * deadlock, and while they are held no other writer moves them. Each advance then applies in
 * memory to the row as the earlier advances left it, and the moved rows are written once each, in
 * one statement, with {@code GREATEST} as a second guard against moving backwards. The chat's last
 * seq is read with the rows, without a lock: it only grows, and a seq a member can name was
 * committed before this statement began.
 *
 * <p><b>Hazard.</b> If any statement fails, the caller rolls the transaction back and nothing moves.
 * Confined to one thread and one transaction.
 */
final class BatchAdvance {

    private record Member(long chatId, long userId) {
    }

    private static final Comparator<Member> ORDER =
            Comparator.comparingLong(Member::chatId).thenComparingLong(Member::userId);

    /** A member's row as the batch has left it so far. */
    private static final class Row {
        final long lastSeq;
        long delivered;
        long read;
        boolean deliveredMoved;
        boolean readMoved;

        Row(long lastSeq, long delivered, long read) {
            this.lastSeq = lastSeq;
            this.delivered = delivered;
            this.read = read;
        }
    }

    /** The advance at {@code index} moved a watermark; its result waits for the chat's members. */
    private record Pending(int index, long chatId, long userId, long delivered, long read) {
    }

    private BatchAdvance() {
    }

    /** Applies the batch in {@code connection}'s open transaction; one result per advance, in order. */
    static List<AdvanceResult> run(Connection connection, List<Advance> batch, long now) throws SQLException {
        Map<Member, Row> rows = lockMembers(connection, batch);
        AdvanceResult[] results = new AdvanceResult[batch.size()];
        List<Pending> moved = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Advance advance = batch.get(i);
            Row row = rows.get(new Member(advance.chatId(), advance.userId()));
            if (row == null) {
                results[i] = new AdvanceResult.NotMember();
            } else if (advance.seq() > row.lastSeq) {
                results[i] = new AdvanceResult.OutOfRange(row.lastSeq);
            } else if (apply(row, advance)) {
                moved.add(new Pending(i, advance.chatId(), advance.userId(), row.delivered, row.read));
            } else {
                results[i] = new AdvanceResult.Unchanged();
            }
        }
        write(connection, rows, now);
        Map<Long, List<Long>> members = ChatMembers.of(connection,
                moved.stream().map(Pending::chatId).collect(Collectors.toSet()));
        for (Pending p : moved) {
            results[p.index()] = new AdvanceResult.Moved(p.chatId(), p.userId(), p.delivered(), p.read(), now,
                    members.getOrDefault(p.chatId(), List.of()));
        }
        return List.of(results);
    }

    /** Moves the row's watermarks for one advance; whether any moved. */
    private static boolean apply(Row row, Advance advance) {
        long seq = advance.seq();
        boolean readMoves = advance.kind() == ReceiptKind.READ && seq > row.read;
        boolean deliveredMoves = seq > row.delivered && (advance.kind() == ReceiptKind.DELIVERED || readMoves);
        if (deliveredMoves) {
            row.delivered = seq;
            row.deliveredMoved = true;
        }
        if (readMoves) {
            row.read = seq;
            row.readMoved = true;
        }
        return deliveredMoves || readMoves;
    }

    /** Locks the batch's member rows in ascending (chat, user) order; absent: not a member. */
    private static Map<Member, Row> lockMembers(Connection connection, List<Advance> batch) throws SQLException {
        List<Member> wanted = batch.stream().map(a -> new Member(a.chatId(), a.userId()))
                .distinct().sorted(ORDER).toList();
        Map<Member, Row> rows = new TreeMap<>(ORDER);
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT m.chat_id, m.user_id, m.delivered_seq, m.read_seq, c.last_seq
                  FROM unnest(?::bigint[], ?::bigint[]) AS k (chat_id, user_id)
                  JOIN members m ON m.chat_id = k.chat_id AND m.user_id = k.user_id
                  JOIN chats c ON c.id = m.chat_id
                 ORDER BY m.chat_id, m.user_id
                   FOR NO KEY UPDATE OF m""")) {
            Array chats = connection.createArrayOf("bigint", wanted.stream().map(Member::chatId).toArray());
            Array users = connection.createArrayOf("bigint", wanted.stream().map(Member::userId).toArray());
            lock.setArray(1, chats);
            lock.setArray(2, users);
            try (ResultSet found = lock.executeQuery()) {
                while (found.next()) {
                    rows.put(new Member(found.getLong(1), found.getLong(2)),
                            new Row(found.getLong(5), found.getLong(3), found.getLong(4)));
                }
            } finally {
                chats.free();
                users.free();
            }
        }
        return rows;
    }

    /** Writes every moved row once, all in one statement. */
    private static void write(Connection connection, Map<Member, Row> rows, long now) throws SQLException {
        List<Map.Entry<Member, Row>> moved = rows.entrySet().stream()
                .filter(entry -> entry.getValue().deliveredMoved || entry.getValue().readMoved)
                .toList();
        if (moved.isEmpty()) {
            return;
        }
        Long at = now;
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE members m
                   SET delivered_seq = GREATEST(m.delivered_seq, v.delivered_seq),
                       delivered_at = COALESCE(v.delivered_at, m.delivered_at),
                       read_seq = GREATEST(m.read_seq, v.read_seq),
                       read_at = COALESCE(v.read_at, m.read_at)
                  FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                       AS v (chat_id, user_id, delivered_seq, delivered_at, read_seq, read_at)
                 WHERE m.chat_id = v.chat_id AND m.user_id = v.user_id""")) {
            List<Array> arrays = List.of(
                    connection.createArrayOf("bigint", moved.stream().map(e -> e.getKey().chatId()).toArray()),
                    connection.createArrayOf("bigint", moved.stream().map(e -> e.getKey().userId()).toArray()),
                    connection.createArrayOf("bigint", moved.stream().map(e -> e.getValue().delivered).toArray()),
                    connection.createArrayOf("bigint",
                            moved.stream().map(e -> e.getValue().deliveredMoved ? at : null).toArray()),
                    connection.createArrayOf("bigint", moved.stream().map(e -> e.getValue().read).toArray()),
                    connection.createArrayOf("bigint",
                            moved.stream().map(e -> e.getValue().readMoved ? at : null).toArray()));
            try {
                for (int i = 0; i < arrays.size(); i++) {
                    update.setArray(i + 1, arrays.get(i));
                }
                update.executeUpdate();
            } finally {
                for (Array array : arrays) {
                    array.free();
                }
            }
        }
    }
}
