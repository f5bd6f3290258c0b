package parley.protocol.api;

/** One account made by a bulk provisioning, with its device and bearer token (shown this once). */
public record ProvisionedUser(long userId, String username, long deviceId, String token) {
    @Override
    public String toString() {
        return "ProvisionedUser[userId=" + userId + ", username=" + username + ", deviceId=" + deviceId
                + ", token=<redacted>]";
    }
}
