package parley.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.protocol.model.ChatMessage;
import parley.server.store.Append;
import parley.server.store.AppendResult;

/**
 * Appends the messages of one batch inside the batch's write transaction, with its statements
 * prepared once for the whole batch.
 *
 * <p>Order comes from {@code chats.last_seq}: the next seq is taken by
 * {@code UPDATE ... SET last_seq = last_seq + 1 ... RETURNING last_seq} in the same transaction as
 * the insert, so a seq is used exactly when its message is committed, and the single writer
 * transaction makes the increment atomic. Exactly-once comes from looking up (chat, sender, client
 * id) first, which also sees rows inserted earlier in this batch; the UNIQUE index on those columns
 * is the backstop. Confined to the thread that holds the writer; lives for one transaction.
 */
final class BatchAppender implements AutoCloseable {

    private final long now;
    private final PreparedStatement findStored;
    private final PreparedStatement nextSeq;
    private final PreparedStatement insert;
    private final Connection connection;
    private final Map<Long, List<Long>> membersByChat = new HashMap<>();

    BatchAppender(Connection connection, long now) throws SQLException {
        this.connection = connection;
        this.now = now;
        this.findStored = connection.prepareStatement("SELECT " + MessageRows.COLUMNS
                + " FROM messages WHERE chat_id = ? AND sender_id = ? AND client_msg_id = ?");
        this.nextSeq = connection.prepareStatement(
                "UPDATE chats SET last_seq = last_seq + 1, last_activity = ? WHERE id = ? RETURNING last_seq");
        this.insert = connection.prepareStatement(MessageRows.INSERT);
    }

    AppendResult append(Append append) throws SQLException {
        List<Long> members = members(append.chatId());
        if (!members.contains(append.senderId())) {
            return new AppendResult.NotMember();
        }
        Optional<ChatMessage> stored = findStored(append);
        if (stored.isPresent()) {
            return new AppendResult.Stored(stored.get(), true, members);
        }
        ChatMessage message = new ChatMessage(append.chatId(), nextSeq(append.chatId()), append.senderId(),
                append.clientMsgId(), append.kind(), append.text(), now, null, append.media());
        MessageRows.bind(insert, message);
        insert.executeUpdate();
        return new AppendResult.Stored(message, false, members);
    }

    // Members cannot change while the batch holds the writer, so one read per chat serves the batch.
    private List<Long> members(long chatId) throws SQLException {
        List<Long> members = membersByChat.get(chatId);
        if (members == null) {
            members = List.copyOf(MemberRows.ids(connection, chatId));
            membersByChat.put(chatId, members);
        }
        return members;
    }

    private Optional<ChatMessage> findStored(Append append) throws SQLException {
        findStored.setLong(1, append.chatId());
        findStored.setLong(2, append.senderId());
        findStored.setString(3, append.clientMsgId().toString());
        return MessageRows.readAll(findStored).stream().findFirst();
    }

    private long nextSeq(long chatId) throws SQLException {
        nextSeq.setLong(1, now);
        nextSeq.setLong(2, chatId);
        try (ResultSet row = nextSeq.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("chat " + chatId + " has members but no chat row");
            }
            return row.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (findStored; nextSeq; insert) {
            // closes the three statements, the first failure thrown and the others suppressed
        }
    }
}
