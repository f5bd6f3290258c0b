package parley.protocol.api;

import java.util.List;

/** {@code GET /api/chats/{id}/members}: a group's title, setting and members, longest-standing first. */
public record GroupMembers(long chatId, String title, boolean membersCanAdd, List<GroupMember> members) {
    public GroupMembers {
        members = List.copyOf(members);
    }
}
