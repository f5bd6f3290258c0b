package parley.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a chat's members from the {@code members} table. Stateless. */
final class MemberRows {

    private MemberRows() {
    }

    /** The chat's member ids, ascending; empty for an unknown chat. */
    static List<Long> ids(Connection connection, long chatId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT user_id FROM members WHERE chat_id = ? ORDER BY user_id")) {
            query.setLong(1, chatId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }
}
