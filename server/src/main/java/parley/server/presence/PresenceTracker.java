package parley.server.presence;

import java.util.Optional;

/**
 * Who is online: user to last heartbeat per device. A user is online while some device was heard
 * from within the online window; last seen is the newest heartbeat of any of the user's devices.
 * Implementations are thread-safe and keep nothing forever: a device not heard from for longer
 * than the window may be forgotten once its user's last seen is recorded.
 */
public interface PresenceTracker {

    /** A device of the user was heard from at {@code now} (a connect, a ping, any frame). */
    void heartbeat(long userId, long deviceId, long now);

    /** A device's connection ended at {@code now}; the device counts as last heard then. */
    void disconnected(long userId, long deviceId, long now);

    /** The user's presence as of {@code now}; empty for a user never heard from. */
    Optional<Presence> presence(long userId, long now);

    /** Online now, or offline since {@code lastSeen} (epoch ms). */
    record Presence(boolean online, long lastSeen) {
    }
}
