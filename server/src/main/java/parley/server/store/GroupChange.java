package parley.server.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import parley.protocol.ErrorCode;
import parley.protocol.model.ChatMessage;

/** The outcome of a {@link GroupCommand}. */
public sealed interface GroupChange {

    /**
     * The change is committed. {@code message} is its system message (absent when nothing changed,
     * as for granting admin to an admin); {@code audience} who is told: the members after the change
     * and whoever it removed.
     */
    record Applied(long chatId, Optional<ChatMessage> message, List<Long> audience) implements GroupChange {
        public Applied {
            Objects.requireNonNull(message, "message");
            audience = List.copyOf(audience);
        }
    }

    /** Refused, nothing written: {@code not_found} for a non-member, else why. */
    record Refused(ErrorCode code, String reason) implements GroupChange {
        public Refused {
            Objects.requireNonNull(code, "code");
        }
    }
}
