package parley.server.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.protocol.ErrorCode;
import parley.server.cluster.LocalSessions;

/**
 * This node's table of user to live sessions (several devices per user, several connections per
 * device). Add and remove happen on event loops, lookups on any thread; the sets are concurrent, and
 * an empty set is removed atomically with {@link ConcurrentHashMap#computeIfPresent}, so a session
 * added concurrently is never lost.
 */
public final class SessionRegistry implements LocalSessions {
    private final Map<Long, Set<Session>> byUser = new ConcurrentHashMap<>();

    public void add(Session session) {
        byUser.computeIfAbsent(session.device().userId(), id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    public void remove(Session session) {
        byUser.computeIfPresent(session.device().userId(), (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    public Set<Session> sessionsOf(long userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    /** Users with at least one session here. */
    public int users() {
        return byUser.size();
    }

    public int size() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void deliver(Collection<Long> userIds, byte[] frame) {
        for (long userId : userIds) {
            for (Session session : sessionsOf(userId)) {
                session.sendEncoded(frame);
            }
        }
    }

    @Override
    public void disconnectDevice(long deviceId, ErrorCode reason) {
        for (Set<Session> sessions : byUser.values()) {
            for (Session session : sessions) {
                if (session.device().deviceId() == deviceId) {
                    session.close(reason, "this device was logged out or revoked");
                }
            }
        }
    }

    /** Closes every session, telling each why: for shutdown. */
    public void closeAll(ErrorCode reason, String message) {
        List<Session> all = byUser.values().stream().flatMap(Set::stream).toList();
        all.forEach(s -> s.close(reason, message));
    }
}
