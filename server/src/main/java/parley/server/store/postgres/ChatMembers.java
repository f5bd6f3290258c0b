package parley.server.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the members of several chats in one statement, keyed by chat id. Stateless. */
final class ChatMembers {

    private ChatMembers() {
    }

    /** The member ids of each of the chats, ascending; a chat without members is absent. */
    static Map<Long, List<Long>> of(Connection connection, Collection<Long> chatIds) throws SQLException {
        Map<Long, List<Long>> members = new HashMap<>();
        if (chatIds.isEmpty()) {
            return members;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT chat_id, user_id FROM members WHERE chat_id = ANY (?) ORDER BY chat_id, user_id")) {
            Array ids = connection.createArrayOf("bigint", chatIds.toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    members.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getLong(2));
                }
            } finally {
                ids.free();
            }
        }
        members.replaceAll((chatId, ids) -> List.copyOf(ids));
        return members;
    }
}
