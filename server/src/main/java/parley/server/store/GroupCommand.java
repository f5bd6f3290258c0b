package parley.server.store;

import java.util.List;
import java.util.Objects;

/** A membership change asked for by {@code actorId}, a member of the group (or its creator). */
public sealed interface GroupCommand {

    long actorId();

    record Create(long actorId, String title, List<Long> memberIds, boolean membersCanAdd) implements GroupCommand {
        public Create {
            Objects.requireNonNull(title, "title");
            memberIds = List.copyOf(memberIds);
        }
    }

    record Add(long chatId, long actorId, List<Long> userIds) implements GroupCommand {
        public Add {
            userIds = List.copyOf(userIds);
        }
    }

    record Remove(long chatId, long actorId, long userId) implements GroupCommand {
    }

    record Leave(long chatId, long actorId) implements GroupCommand {
    }

    record Rename(long chatId, long actorId, String title) implements GroupCommand {
        public Rename {
            Objects.requireNonNull(title, "title");
        }
    }

    record SetAdmin(long chatId, long actorId, long userId, boolean admin) implements GroupCommand {
    }
}
