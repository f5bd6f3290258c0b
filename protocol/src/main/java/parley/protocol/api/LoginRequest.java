package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code POST /api/login}. {@code deviceName} labels the new device in the device list. */
public record LoginRequest(@JsonProperty(required = true) String username,
                           @JsonProperty(required = true) String password,
                           String deviceName) {
    public LoginRequest {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=<redacted>, deviceName=" + deviceName + "]";
    }
}
