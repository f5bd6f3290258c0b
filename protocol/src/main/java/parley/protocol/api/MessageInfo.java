package parley.protocol.api;

import java.util.List;

/**
 * {@code GET /api/chats/{id}/messages/{seq}/info}: member by member (the sender left out), who has
 * received and who has read the message, and when.
 */
public record MessageInfo(long chatId, long seq, List<MemberReceipt> members) {
    public MessageInfo {
        members = List.copyOf(members);
    }
}
