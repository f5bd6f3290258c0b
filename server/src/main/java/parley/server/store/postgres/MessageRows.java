package parley.server.store.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;
import parley.server.store.MediaRefJson;
import parley.server.store.SystemEventText;

/**
 * How a {@link ChatMessage} is kept in the {@code messages} table: the client id as a uuid, the
 * kind as its lower-case name, the text as UTF-8 bytes. Stateless.
 */
final class MessageRows {

    /** The columns {@link #read} expects, in order, and {@link #bind} writes. */
    static final String COLUMNS = "chat_id, seq, sender_id, client_msg_id, kind, body, server_time, media";

    /** An INSERT of one message's {@link #COLUMNS}. */
    static final String INSERT = "INSERT INTO messages (" + COLUMNS + ", media_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private MessageRows() {
    }

    /** Reads {@link #COLUMNS} starting at column {@code first}. */
    static ChatMessage read(ResultSet row, int first) throws SQLException {
        MessageKind kind = kind(row.getString(first + 4));
        String body = new String(row.getBytes(first + 5), StandardCharsets.UTF_8);
        boolean system = kind == MessageKind.SYSTEM;
        return new ChatMessage(
                row.getLong(first),
                row.getLong(first + 1),
                row.getLong(first + 2),
                row.getObject(first + 3, UUID.class),
                kind,
                system ? "" : body,
                row.getLong(first + 6),
                system ? SystemEventText.decode(body) : null,
                MediaRefJson.decode(row.getString(first + 7)));
    }

    /** Runs a prepared query selecting {@link #COLUMNS} and returns every row. */
    static List<ChatMessage> readAll(PreparedStatement query) throws SQLException {
        List<ChatMessage> messages = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                messages.add(read(rows, 1));
            }
        }
        return messages;
    }

    /** Sets the parameters of {@link #INSERT}. */
    static void bind(PreparedStatement insert, ChatMessage message) throws SQLException {
        insert.setLong(1, message.chatId());
        insert.setLong(2, message.seq());
        insert.setLong(3, message.senderId());
        insert.setObject(4, message.clientMsgId());
        insert.setString(5, kind(message.kind()));
        insert.setBytes(6, message.text().getBytes(StandardCharsets.UTF_8));
        insert.setLong(7, message.serverTime());
        insert.setString(8, MediaRefJson.encode(message.media()));
        insert.setString(9, message.media() == null ? null : message.media().mediaId());
    }

    static String kind(MessageKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static MessageKind kind(String stored) {
        return MessageKind.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
