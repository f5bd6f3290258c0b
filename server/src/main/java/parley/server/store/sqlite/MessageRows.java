package parley.server.store.sqlite;

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

/** How a {@link ChatMessage} is kept in the {@code messages} table. Stateless. */
final class MessageRows {

    /** The columns {@link #read} expects, in order. */
    static final String COLUMNS = "chat_id, seq, sender_id, client_msg_id, kind, body, server_time, media";

    /** An INSERT of one message: {@link #COLUMNS} and the media id. */
    static final String INSERT = "INSERT INTO messages (" + COLUMNS + ", media_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private MessageRows() {
    }

    static ChatMessage read(ResultSet row) throws SQLException {
        MessageKind kind = kind(row.getString(5));
        String body = row.getString(6);
        boolean system = kind == MessageKind.SYSTEM;
        return new ChatMessage(
                row.getLong(1),
                row.getLong(2),
                row.getLong(3),
                UUID.fromString(row.getString(4)),
                kind,
                system ? "" : body,
                row.getLong(7),
                system ? SystemEventText.decode(body) : null,
                MediaRefJson.decode(row.getString(8)));
    }

    /** Sets the parameters of {@link #INSERT}. */
    static void bind(PreparedStatement insert, ChatMessage message) throws SQLException {
        insert.setLong(1, message.chatId());
        insert.setLong(2, message.seq());
        insert.setLong(3, message.senderId());
        insert.setString(4, message.clientMsgId().toString());
        insert.setString(5, kind(message.kind()));
        insert.setString(6, message.text());
        insert.setLong(7, message.serverTime());
        insert.setString(8, MediaRefJson.encode(message.media()));
        insert.setString(9, message.media() == null ? null : message.media().mediaId());
    }

    /** Runs a prepared query selecting {@link #COLUMNS} and returns every row. */
    static List<ChatMessage> readAll(PreparedStatement query) throws SQLException {
        List<ChatMessage> messages = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                messages.add(read(rows));
            }
        }
        return messages;
    }

    static String kind(MessageKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static MessageKind kind(String stored) {
        return MessageKind.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
