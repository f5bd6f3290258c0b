package parley.server.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: a username that had {@code maxFailures} failed logins within
 * {@code window} is refused further attempts (right password or not) until the oldest of them
 * leaves the window. Bounded: it remembers at most {@code maxNames} usernames, forgetting the
 * least recently seen first. Thread-safe: every method is synchronized (logins are rare and each
 * already costs an Argon2id hash).
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures;

    public LoginThrottle(int maxFailures, long windowMillis, int maxNames, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > maxNames;
            }
        };
    }

    /** Whether a login for this username may be tried now. */
    public synchronized boolean allows(String username) {
        Deque<Long> recent = failures.get(key(username));
        if (recent == null) {
            return true;
        }
        expire(recent);
        return recent.size() < maxFailures;
    }

    public synchronized void failed(String username) {
        Deque<Long> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        expire(recent);
        recent.addLast(clock.millis());
        while (recent.size() > maxFailures) {
            recent.removeFirst();
        }
    }

    public synchronized void succeeded(String username) {
        failures.remove(key(username));
    }

    private void expire(Deque<Long> recent) {
        long oldest = clock.millis() - windowMillis;
        while (!recent.isEmpty() && recent.peekFirst() <= oldest) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
