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
import parley.server.store.SystemEventText;

/** How a {@link ChatMessage} is kept in the {@code messages} table. Stateless. */
final class MessageRows {

    /** The columns {@link #read} expects, in order. */
    static final String COLUMNS = "chat_id, seq, sender_id, client_msg_id, kind, body, server_time";

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
                system ? SystemEventText.decode(body) : null);
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
