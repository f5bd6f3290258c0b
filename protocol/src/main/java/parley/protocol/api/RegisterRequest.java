package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code POST /api/register}. */
public record RegisterRequest(@JsonProperty(required = true) String username,
                              @JsonProperty(required = true) String password) {
    public RegisterRequest {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + ", password=<redacted>]";
    }
}
