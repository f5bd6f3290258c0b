package parley.server.auth;

/** Who is behind a request or connection: the user and the device whose token it carried. */
public record AuthenticatedDevice(long userId, String username, long deviceId) {
}
