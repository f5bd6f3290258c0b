package parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import parley.protocol.ErrorCode;
import parley.protocol.api.GroupMember;
import parley.protocol.api.GroupMembers;
import parley.protocol.api.MemberReceipt;
import parley.protocol.api.MessageInfo;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MemberRole;
import parley.protocol.model.MessageKind;
import parley.protocol.model.SystemEvent;
import parley.protocol.model.SystemEventType;

/**
 * The {@link GroupStore} of both SQL stores: the SQL is the same on SQLite and PostgreSQL but for
 * a few {@link Dialect} hooks. Each change runs in one write transaction that first locks the chat
 * row (PostgreSQL: {@code FOR NO KEY UPDATE}, the lock appends take; SQLite: the single writer),
 * then reads the members, decides with {@link GroupRules}, writes, and appends the system message
 * with {@code last_seq + 1}. Thread-safe: all state is in the database.
 */
public final class JdbcGroupStore implements GroupStore {

    /** What differs between the two databases. */
    public interface Dialect {
        /** Appended to the SELECT of the chat row to lock it for the transaction ("" when writes are serial). */
        String lockChatRow();

        void bindUuid(PreparedStatement statement, int index, UUID value) throws SQLException;

        void bindBody(PreparedStatement statement, int index, String body) throws SQLException;
    }

    private final JdbcTransactions transactions;
    private final Dialect dialect;

    public JdbcGroupStore(JdbcTransactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public GroupChange create(GroupCommand.Create create, int maxMembers, long now) {
        Set<Long> everyone = new LinkedHashSet<>();
        everyone.add(create.actorId());
        everyone.addAll(create.memberIds());
        if (everyone.size() > maxMembers) {
            return new GroupChange.Refused(ErrorCode.GROUP_FULL,
                    "a group holds at most " + maxMembers + " members");
        }
        return transactions.write(connection -> {
            Optional<Long> unknown = firstUnknownUser(connection, everyone);
            if (unknown.isPresent()) {
                return new GroupChange.Refused(ErrorCode.UNKNOWN_USER, "no user " + unknown.get());
            }
            long chatId;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO chats (kind, created_at, last_seq, last_activity) VALUES ('group', ?, 0, ?)
                    RETURNING id""")) {
                insert.setLong(1, now);
                insert.setLong(2, now);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    chatId = row.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO groups (chat_id, title, members_can_add) VALUES (?, ?, ?)")) {
                insert.setLong(1, chatId);
                insert.setString(2, create.title());
                insert.setInt(3, create.membersCanAdd() ? 1 : 0);
                insert.executeUpdate();
            }
            for (long userId : everyone) {
                insertMember(connection, chatId, userId, userId == create.actorId() ? MemberRole.ADMIN
                        : MemberRole.MEMBER, 1, now);
            }
            List<Long> others = everyone.stream().filter(id -> id != create.actorId()).toList();
            ChatMessage message = appendSystem(connection, chatId, now,
                    new SystemEvent(SystemEventType.CREATED, create.actorId(), others, create.title()));
            return new GroupChange.Applied(chatId, Optional.of(message), List.copyOf(everyone));
        });
    }

    @Override
    public GroupChange change(GroupCommand command, int maxMembers, long now) {
        long chatId = switch (command) {
            case GroupCommand.Create c -> throw new IllegalArgumentException("use create");
            case GroupCommand.Add c -> c.chatId();
            case GroupCommand.Remove c -> c.chatId();
            case GroupCommand.Leave c -> c.chatId();
            case GroupCommand.Rename c -> c.chatId();
            case GroupCommand.SetAdmin c -> c.chatId();
        };
        return transactions.write(connection -> {
            Optional<GroupRules.Group> group = lockAndLoad(connection, chatId);
            if (group.isEmpty() || group.get().member(command.actorId()).isEmpty()) {
                return new GroupChange.Refused(ErrorCode.NOT_FOUND, "no such chat");
            }
            if (command instanceof GroupCommand.Add add) {
                Optional<Long> unknown = firstUnknownUser(connection, add.userIds());
                if (unknown.isPresent()) {
                    return new GroupChange.Refused(ErrorCode.UNKNOWN_USER, "no user " + unknown.get());
                }
            }
            GroupChange.Refused refused = null;
            GroupRules.Decision decision;
            try {
                decision = GroupRules.decide(group.get(), command, maxMembers);
            } catch (GroupRules.RefusedException e) {
                refused = new GroupChange.Refused(e.code(), e.getMessage());
                decision = null;
            }
            if (refused != null) {
                return refused;
            }
            if (decision.event().isEmpty()) {
                return new GroupChange.Applied(chatId, Optional.empty(), List.of());
            }
            long seq = group.get().lastSeq() + 1;
            for (long userId : decision.removed()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM members WHERE chat_id = ? AND user_id = ?")) {
                    delete.setLong(1, chatId);
                    delete.setLong(2, userId);
                    delete.executeUpdate();
                }
            }
            for (long userId : decision.added()) {
                insertMember(connection, chatId, userId, MemberRole.MEMBER, seq, now);
            }
            for (Map.Entry<Long, MemberRole> role : decision.roles().entrySet()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE members SET role = ? WHERE chat_id = ? AND user_id = ?")) {
                    update.setString(1, role.getValue() == MemberRole.ADMIN ? "admin" : "member");
                    update.setLong(2, chatId);
                    update.setLong(3, role.getKey());
                    update.executeUpdate();
                }
            }
            if (decision.title() != null) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE groups SET title = ? WHERE chat_id = ?")) {
                    update.setString(1, decision.title());
                    update.setLong(2, chatId);
                    update.executeUpdate();
                }
            }
            ChatMessage message = appendSystem(connection, chatId, now, decision.event().get());
            Set<Long> audience = new LinkedHashSet<>();
            group.get().members().forEach(m -> audience.add(m.userId()));
            audience.addAll(decision.added());
            return new GroupChange.Applied(chatId, Optional.of(message), List.copyOf(audience));
        });
    }

    @Override
    public Optional<GroupMembers> members(long chatId, long userId) {
        return transactions.read(connection -> {
            Optional<GroupRules.Group> group = load(connection, chatId, "");
            if (group.isEmpty() || group.get().member(userId).isEmpty()) {
                return Optional.empty();
            }
            Map<Long, String> names = usernames(connection, chatId);
            List<GroupMember> members = group.get().members().stream()
                    .map(m -> new GroupMember(m.userId(), names.getOrDefault(m.userId(), ""), m.role(), m.joinedAt(),
                            m.joinedSeq()))
                    .toList();
            return Optional.of(new GroupMembers(chatId, group.get().title(), group.get().membersCanAdd(), members));
        });
    }

    @Override
    public Optional<MessageInfo> info(long chatId, long seq, long userId) {
        return transactions.read(connection -> {
            long sender;
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT m.sender_id FROM messages m
                     WHERE m.chat_id = ? AND m.seq = ?
                       AND EXISTS (SELECT 1 FROM members me WHERE me.chat_id = m.chat_id AND me.user_id = ?
                                      AND me.joined_seq <= m.seq)""")) {
                query.setLong(1, chatId);
                query.setLong(2, seq);
                query.setLong(3, userId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    sender = row.getLong(1);
                }
            }
            List<MemberReceipt> receipts = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT m.user_id, u.username, m.delivered_seq, m.delivered_at, m.read_seq, m.read_at
                      FROM members m JOIN users u ON u.id = m.user_id
                     WHERE m.chat_id = ? AND m.user_id <> ? AND m.joined_seq <= ?
                     ORDER BY m.user_id""")) {
                query.setLong(1, chatId);
                query.setLong(2, sender);
                query.setLong(3, seq);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        boolean delivered = rows.getLong(3) >= seq;
                        long deliveredAt = rows.getLong(4);
                        boolean read = rows.getLong(5) >= seq;
                        long readAt = rows.getLong(6);
                        receipts.add(new MemberReceipt(rows.getLong(1), rows.getString(2), delivered,
                                delivered ? deliveredAt : null, read, read ? readAt : null));
                    }
                }
            }
            return Optional.of(new MessageInfo(chatId, seq, receipts));
        });
    }

    @Override
    public Map<Long, Long> joinedSeqs(long userId) {
        return transactions.read(connection -> {
            Map<Long, Long> seqs = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT chat_id, joined_seq FROM members WHERE user_id = ? AND joined_seq > 1")) {
                query.setLong(1, userId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seqs.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
            return seqs;
        });
    }

    private Optional<GroupRules.Group> lockAndLoad(Connection connection, long chatId) throws SQLException {
        return load(connection, chatId, dialect.lockChatRow());
    }

    private static Optional<GroupRules.Group> load(Connection connection, long chatId, String lock)
            throws SQLException {
        long lastSeq;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT kind, last_seq FROM chats WHERE id = ?" + lock)) {
            query.setLong(1, chatId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !row.getString(1).equals("group")) {
                    return Optional.empty();
                }
                lastSeq = row.getLong(2);
            }
        }
        String title;
        boolean membersCanAdd;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT title, members_can_add FROM groups WHERE chat_id = ?")) {
            query.setLong(1, chatId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                title = row.getString(1);
                membersCanAdd = row.getInt(2) == 1;
            }
        }
        List<GroupRules.Member> members = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT user_id, role, joined_seq, joined_at FROM members WHERE chat_id = ?
                 ORDER BY joined_seq, joined_at, user_id""")) {
            query.setLong(1, chatId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    members.add(new GroupRules.Member(rows.getLong(1),
                            rows.getString(2).equals("admin") ? MemberRole.ADMIN : MemberRole.MEMBER,
                            rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return Optional.of(new GroupRules.Group(chatId, title, membersCanAdd, lastSeq, members));
    }

    private static Map<Long, String> usernames(Connection connection, long chatId) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT m.user_id, u.username FROM members m JOIN users u ON u.id = m.user_id WHERE m.chat_id = ?")) {
            query.setLong(1, chatId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return names;
    }

    private static Optional<Long> firstUnknownUser(Connection connection, Iterable<Long> userIds) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            for (long userId : userIds) {
                query.setLong(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.of(userId);
                    }
                }
            }
        }
        return Optional.empty();
    }

    // A member joining at seq starts with its watermarks just below it: everything before is not theirs
    // to receive, so it must not pull the group's "others delivered / read" minimum down.
    private static void insertMember(Connection connection, long chatId, long userId, MemberRole role, long joinedSeq,
                                     long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO members (chat_id, user_id, joined_at, delivered_seq, read_seq, role, joined_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, chatId);
            insert.setLong(2, userId);
            insert.setLong(3, now);
            insert.setLong(4, joinedSeq - 1);
            insert.setLong(5, joinedSeq - 1);
            insert.setString(6, role == MemberRole.ADMIN ? "admin" : "member");
            insert.setLong(7, joinedSeq);
            insert.executeUpdate();
        }
    }

    private ChatMessage appendSystem(Connection connection, long chatId, long now, SystemEvent event)
            throws SQLException {
        long seq;
        try (PreparedStatement next = connection.prepareStatement(
                "UPDATE chats SET last_seq = last_seq + 1, last_activity = ? WHERE id = ? RETURNING last_seq")) {
            next.setLong(1, now);
            next.setLong(2, chatId);
            try (ResultSet row = next.executeQuery()) {
                row.next();
                seq = row.getLong(1);
            }
        }
        ChatMessage message = new ChatMessage(chatId, seq, event.actorId(), UUID.randomUUID(), MessageKind.SYSTEM,
                "", now, event);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO messages (chat_id, seq, sender_id, client_msg_id, kind, body, server_time)
                VALUES (?, ?, ?, ?, 'system', ?, ?)""")) {
            insert.setLong(1, chatId);
            insert.setLong(2, seq);
            insert.setLong(3, event.actorId());
            dialect.bindUuid(insert, 4, message.clientMsgId());
            dialect.bindBody(insert, 5, SystemEventText.encode(event));
            insert.setLong(6, now);
            insert.executeUpdate();
        }
        return message;
    }
}
