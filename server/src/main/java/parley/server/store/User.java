package parley.server.store;

import java.util.Objects;

/** A registered account. {@code passwordHash} is an Argon2id PHC string, never the password. */
public record User(long id, String username, String passwordHash, long createdAt) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + "]";
    }
}
