package parley.protocol.api;

import java.util.Objects;
import parley.protocol.model.MemberRole;

/** One member of a group: role, and when (epoch ms) and at which seq they joined. */
public record GroupMember(long userId, String username, MemberRole role, long joinedAt, long joinedSeq) {
    public GroupMember {
        Objects.requireNonNull(role, "role");
    }
}
