package parley.protocol.api;

/** A new device's session: the bearer token is shown this once and stored only as a hash. */
public record LoginResponse(String token, long userId, String username, long deviceId) {
    @Override
    public String toString() {
        return "LoginResponse[token=<redacted>, userId=" + userId + ", username=" + username
                + ", deviceId=" + deviceId + "]";
    }
}
