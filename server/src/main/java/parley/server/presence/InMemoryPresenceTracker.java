package parley.server.presence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence of a single node, in memory. Per user, a small map of device to last heartbeat and a
 * flag for devices still connected; updates to one user are atomic through
 * {@link ConcurrentHashMap#compute}, so concurrent heartbeats and disconnects of one user never
 * lose an update. Memory: one entry per user heard from since start.
 */
public final class InMemoryPresenceTracker implements PresenceTracker {
    private final long onlineWindowMillis;
    private final Map<Long, UserDevices> users = new ConcurrentHashMap<>();

    /** @param onlineWindowMillis how long after its last heartbeat a device still counts as online */
    public InMemoryPresenceTracker(long onlineWindowMillis) {
        this.onlineWindowMillis = onlineWindowMillis;
    }

    @Override
    public void heartbeat(long userId, long deviceId, long now) {
        users.compute(userId, (id, devices) -> (devices == null ? UserDevices.EMPTY : devices).heard(deviceId, now, true));
    }

    @Override
    public void disconnected(long userId, long deviceId, long now) {
        users.compute(userId, (id, devices) -> (devices == null ? UserDevices.EMPTY : devices).heard(deviceId, now, false));
    }

    @Override
    public Map<Long, Presence> presences(Collection<Long> userIds, long now) {
        Map<Long, Presence> found = new HashMap<>();
        for (long userId : userIds) {
            presence(userId, now).ifPresent(p -> found.put(userId, p));
        }
        return found;
    }

    @Override
    public Optional<Presence> presence(long userId, long now) {
        UserDevices devices = users.get(userId);
        if (devices == null) {
            return Optional.empty();
        }
        boolean online = devices.connected().entrySet().stream()
                .anyMatch(e -> e.getValue() && now - devices.lastHeard().get(e.getKey()) <= onlineWindowMillis);
        long lastSeen = devices.lastHeard().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return Optional.of(new Presence(online, lastSeen));
    }

    /** One user's devices: when each was last heard, and whether it is still connected. Immutable. */
    private record UserDevices(Map<Long, Long> lastHeard, Map<Long, Boolean> connected) {
        static final UserDevices EMPTY = new UserDevices(Map.of(), Map.of());

        UserDevices heard(long deviceId, long at, boolean stillConnected) {
            Long previous = lastHeard.get(deviceId);
            if (previous != null && previous > at) {
                return this; // an older event changes nothing: a late disconnect cannot undo a newer heartbeat
            }
            Map<Long, Long> heardCopy = new java.util.HashMap<>(lastHeard);
            heardCopy.put(deviceId, at);
            Map<Long, Boolean> connectedCopy = new java.util.HashMap<>(connected);
            connectedCopy.put(deviceId, stillConnected);
            return new UserDevices(Map.copyOf(heardCopy), Map.copyOf(connectedCopy));
        }
    }
}
