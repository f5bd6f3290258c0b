package parley.server.presence;

import java.util.Collection;
import java.util.Map;
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

    /**
     * The presence of many users as of {@code now}, read together (a user's contacts, say): the
     * same as {@link #presence} for each, with users never heard from left out of the map.
     */
    Map<Long, Presence> presences(Collection<Long> userIds, long now);

    /** Online now, or offline since {@code lastSeen} (epoch ms). */
    record Presence(boolean online, long lastSeen) {
    }
}
