package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /api/chats/{id}/members}: adds these users to a group, all or none. */
public record AddMembersRequest(@JsonProperty(required = true) List<Long> userIds) {
    public AddMembersRequest {
        userIds = List.copyOf(userIds);
    }
}
