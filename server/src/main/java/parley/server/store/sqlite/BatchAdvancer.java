package parley.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.protocol.model.ReceiptKind;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;

/**
 * Moves the receipt watermarks of one batch inside the batch's write transaction. Each advance
 * reads the member's row as the earlier advances of the batch left it, so advances apply in
 * order. A watermark only grows, never past the chat's last seq, and reading up to N also marks
 * delivered up to N (the schema's CHECK holds read &lt;= delivered). Confined to the thread that
 * holds the writer; lives for one transaction.
 */
final class BatchAdvancer implements AutoCloseable {

    private final long now;
    private final Connection connection;
    private final PreparedStatement current;
    private final PreparedStatement moveDelivered;
    private final PreparedStatement moveRead;
    private final Map<Long, List<Long>> membersByChat = new HashMap<>();

    BatchAdvancer(Connection connection, long now) throws SQLException {
        this.connection = connection;
        this.now = now;
        this.current = connection.prepareStatement("""
                SELECT c.last_seq, me.delivered_seq, me.read_seq
                  FROM members me JOIN chats c ON c.id = me.chat_id
                 WHERE me.chat_id = ? AND me.user_id = ?""");
        this.moveDelivered = connection.prepareStatement("""
                UPDATE members SET delivered_seq = ?, delivered_at = ?
                 WHERE chat_id = ? AND user_id = ? AND delivered_seq < ?""");
        this.moveRead = connection.prepareStatement("""
                UPDATE members SET read_seq = ?, read_at = ?
                 WHERE chat_id = ? AND user_id = ? AND read_seq < ?""");
    }

    AdvanceResult advance(Advance advance) throws SQLException {
        long lastSeq;
        long delivered;
        long read;
        current.setLong(1, advance.chatId());
        current.setLong(2, advance.userId());
        try (ResultSet row = current.executeQuery()) {
            if (!row.next()) {
                return new AdvanceResult.NotMember();
            }
            lastSeq = row.getLong(1);
            delivered = row.getLong(2);
            read = row.getLong(3);
        }
        long seq = advance.seq();
        if (seq > lastSeq) {
            return new AdvanceResult.OutOfRange(lastSeq);
        }
        boolean readMoves = advance.kind() == ReceiptKind.READ && seq > read;
        boolean deliveredMoves = seq > delivered && (advance.kind() == ReceiptKind.DELIVERED || readMoves);
        if (!readMoves && !deliveredMoves) {
            return new AdvanceResult.Unchanged();
        }
        if (deliveredMoves) {
            move(moveDelivered, advance);
            delivered = seq;
        }
        if (readMoves) {
            move(moveRead, advance);
            read = seq;
        }
        return new AdvanceResult.Moved(advance.chatId(), advance.userId(), delivered, read, now,
                members(advance.chatId()));
    }

    private void move(PreparedStatement update, Advance advance) throws SQLException {
        update.setLong(1, advance.seq());
        update.setLong(2, now);
        update.setLong(3, advance.chatId());
        update.setLong(4, advance.userId());
        update.setLong(5, advance.seq());
        update.executeUpdate();
    }

    private List<Long> members(long chatId) throws SQLException {
        List<Long> members = membersByChat.get(chatId);
        if (members == null) {
            members = List.copyOf(MemberRows.ids(connection, chatId));
            membersByChat.put(chatId, members);
        }
        return members;
    }

    @Override
    public void close() throws SQLException {
        try (current; moveDelivered; moveRead) {
            // closes the three statements, the first failure thrown and the others suppressed
        }
    }
}
