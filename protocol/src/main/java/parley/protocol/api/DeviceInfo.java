package parley.protocol.api;

/** One logged-in device of mine; {@code current} marks the one making the request. */
public record DeviceInfo(long deviceId, String name, long createdAt, long lastUsedAt, boolean current) {
}
