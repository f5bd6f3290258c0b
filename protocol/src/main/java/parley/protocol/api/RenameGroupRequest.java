package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code POST /api/chats/{id}/title}: renames a group (admins only). */
public record RenameGroupRequest(@JsonProperty(required = true) String title) {
    public RenameGroupRequest {
        Objects.requireNonNull(title, "title");
    }
}
