package parley.server.presence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.server.cluster.redis.RedisOptions;
import parley.server.cluster.redis.RedisUnavailableException;
import parley.server.presence.PresenceTracker;
import parley.server.presence.PresenceTracker.Presence;
import parley.server.presence.PresenceTrackerContract;
import parley.server.testing.RedisServer;

class RedisPresenceTrackerTest extends PresenceTrackerContract {
    private final List<RedisPresenceTracker> opened = new ArrayList<>();

    @BeforeEach
    void emptyRedis() {
        RedisServer.shared().flushAll();
    }

    @AfterEach
    void closeTrackers() {
        opened.forEach(RedisPresenceTracker::close);
    }

    @Override
    protected PresenceTracker tracker() {
        return open("node", WINDOW, RedisPresenceTracker.DEFAULT_RETENTION);
    }

    /** Another node's updates are not waited for, so a read elsewhere sees them a moment later. */
    @Test
    void theNodesOfAClusterShareOnePresence() throws InterruptedException {
        PresenceTracker one = tracker();
        PresenceTracker other = open("other", WINDOW, RedisPresenceTracker.DEFAULT_RETENTION);
        one.heartbeat(1, 10, 1_000);
        awaitPresence(other, 2_000, new Presence(true, 1_000));
        other.disconnected(1, 10, 3_000);
        awaitPresence(one, 4_000, new Presence(false, 3_000));
    }

    @Test
    void aLateDisconnectDoesNotUndoANewerHeartbeat() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 5_000);
        presence.disconnected(1, 10, 4_000);
        assertThat(presence.presence(1, 6_000)).contains(new Presence(true, 5_000));
    }

    @Test
    void aDeviceSilentForLongerThanTheWindowIsForgottenButLastSeenStays() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 1_000);
        presence.heartbeat(1, 11, 2_000 + WINDOW);
        presence.disconnected(1, 11, 3_000 + WINDOW);
        assertThat(presence.presence(1, 3_000 + WINDOW)).contains(new Presence(false, 3_000 + WINDOW));
    }

    @Test
    void entriesExpireByThemselvesAfterTheRetention() throws InterruptedException {
        PresenceTracker presence = open("node", 100, Duration.ofMillis(200));
        presence.heartbeat(1, 10, 1_000);
        assertThat(presence.presence(1, 1_000)).isPresent();
        Thread.sleep(400);
        assertThat(presence.presence(1, 1_000)).isEmpty();
    }

    @Test
    void startingWithAnUnreachableRedisFailsAtOnceNamingTheUri() {
        RedisServer gone = RedisServer.create();
        URI uri = gone.uri();
        gone.close();
        assertThatThrownBy(() -> new RedisPresenceTracker(RedisOptions.of(uri, "node"), WINDOW))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessage("cannot connect to Redis at " + uri + ": Connection refused");
    }

    private static void awaitPresence(PresenceTracker tracker, long now, Presence expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!tracker.presence(1, now).equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(tracker.presence(1, now)).contains(expected);
    }

    private RedisPresenceTracker open(String node, long window, Duration retention) {
        RedisPresenceTracker tracker = new RedisPresenceTracker(RedisOptions.of(RedisServer.shared().uri(), node), window,
                retention);
        opened.add(tracker);
        return tracker;
    }
}
