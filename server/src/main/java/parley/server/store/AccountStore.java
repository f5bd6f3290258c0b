package parley.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Users and their devices. Usernames are unique without regard to case ("Alice" and "alice" are
 * one name) and kept as registered. Device tokens are stored only as their SHA-256 hash; a revoked
 * device is gone: it is found by no lookup and listed nowhere. Every write is durable when the
 * method returns. Implementations are thread-safe.
 */
public interface AccountStore {

    /** Creates a user, or returns empty when the name is taken (in any case). */
    Optional<User> createUser(String username, String passwordHash, long now);

    /** The user with this name, in any case. */
    Optional<User> findUser(String username);

    Optional<User> findUser(long userId);

    /**
     * Creates many accounts, each with one device, in one transaction: all of them, or none when
     * any name is taken (the outcome then lists the taken names). The names must differ from one
     * another, in any case. For bulk provisioning: one commit for the whole batch.
     */
    BulkCreation createAccounts(List<NewAccount> accounts, long now);

    /** Registers a device with the hash of its token. */
    Device createDevice(long userId, String name, byte[] tokenHash, long now);

    /** The live device whose token has this hash. */
    Optional<Device> findDeviceByTokenHash(byte[] tokenHash);

    /** The user's live devices, oldest first. */
    List<Device> devices(long userId);

    /** Revokes one of the user's devices; false when it is not a live device of that user. */
    boolean revokeDevice(long userId, long deviceId, long now);

    /** Records that the device was used (best effort; may be coalesced). */
    void touchDevice(long deviceId, long now);
}
