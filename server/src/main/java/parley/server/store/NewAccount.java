package parley.server.store;

import java.util.Objects;

/**
 * An account to create in bulk, with its first device: the name, the stored password hash (for a
 * provisioned account, a marker no password matches), the device's name and its token's hash.
 */
public record NewAccount(String username, String passwordHash, String deviceName, byte[] tokenHash) {
    public NewAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(tokenHash, "tokenHash");
    }
}
