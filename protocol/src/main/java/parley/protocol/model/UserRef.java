package parley.protocol.model;

import java.util.Objects;

/** A user as other users see them. */
public record UserRef(long userId, String username) {
    public UserRef {
        Objects.requireNonNull(username, "username");
    }
}
