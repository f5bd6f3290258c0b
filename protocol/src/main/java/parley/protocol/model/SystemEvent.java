package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The membership change a {@code system} message records: who did it ({@code actorId}), to whom
 * ({@code targetIds}: the members added, the member removed, the new or former admin; for
 * {@code left}, the member who left and, when the last admin left, the member made admin in the same
 * step as the second id), and the group's title for {@code created} and {@code renamed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemEvent(SystemEventType type, long actorId, List<Long> targetIds, String title) {
    public SystemEvent {
        Objects.requireNonNull(type, "type");
        targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
    }
}
