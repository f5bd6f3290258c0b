package parley.protocol.api;

/**
 * An operator's request to create {@code count} accounts at once, named {@code prefix} followed by
 * the numbers {@code first} to {@code first + count - 1}, each with one logged-in device called
 * {@code deviceName}. The accounts have no password: they are reached only through the device
 * tokens of the answer. For load tests and migrations.
 */
public record ProvisionRequest(String prefix, long first, int count, String deviceName) {
}
