package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /api/groups}: a new group with this title and these members besides the creator, who
 * becomes its admin. {@code membersCanAdd} (optional, false when absent) lets every member, not only admins, add members.
 */
public record CreateGroupRequest(@JsonProperty(required = true) String title, List<Long> memberIds,
                                 Boolean membersCanAdd) {
    public CreateGroupRequest {
        Objects.requireNonNull(title, "title");
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }
}
