package parley.server.store;

import java.util.Objects;

/** A logged-in device of a user: one per successful login, until logged out or revoked. */
public record Device(long id, long userId, String name, long createdAt, long lastUsedAt) {
    public Device {
        Objects.requireNonNull(name, "name");
    }
}
