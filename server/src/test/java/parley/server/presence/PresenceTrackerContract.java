package parley.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link PresenceTracker} promises; run against each implementation. */
public abstract class PresenceTrackerContract {
    protected static final long WINDOW = 10_000;

    /** A tracker whose online window is {@link #WINDOW} ms. */
    protected abstract PresenceTracker tracker();

    @Test
    void aUserNeverHeardFromHasNoPresence() {
        assertThat(tracker().presence(42, 1_000)).isEmpty();
    }

    @Test
    void aHeartbeatMakesTheUserOnlineUntilTheWindowPasses() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 1_000);
        assertThat(presence.presence(1, 1_000 + WINDOW)).contains(new PresenceTracker.Presence(true, 1_000));
        assertThat(presence.presence(1, 1_001 + WINDOW)).contains(new PresenceTracker.Presence(false, 1_000));
    }

    @Test
    void aUserIsOnlineWhileAnyDeviceIsAndLastSeenIsTheNewestHeartbeat() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 1_000);
        presence.heartbeat(1, 11, 5_000);
        presence.disconnected(1, 10, 6_000);
        assertThat(presence.presence(1, 7_000)).contains(new PresenceTracker.Presence(true, 6_000));
        presence.disconnected(1, 11, 8_000);
        assertThat(presence.presence(1, 9_000)).contains(new PresenceTracker.Presence(false, 8_000));
    }

    @Test
    void usersAreIndependent() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 1_000);
        assertThat(presence.presence(2, 1_000)).isEmpty();
    }

    @Test
    void lastSeenNeverGoesBackwards() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 5_000);
        presence.heartbeat(1, 10, 4_000);
        assertThat(presence.presence(1, 5_000).orElseThrow().lastSeen()).isEqualTo(5_000);
    }

    @Test
    void aLateDisconnectDoesNotUndoANewerHeartbeat() {
        PresenceTracker presence = tracker();
        presence.heartbeat(1, 10, 5_000);
        presence.disconnected(1, 10, 4_000);
        assertThat(presence.presence(1, 5_500)).contains(new PresenceTracker.Presence(true, 5_000));
    }

    @Test
    void manyUsersAreReadTogetherEachAsAlone() {
        PresenceTracker presence = tracker();
        List<Long> asked = new ArrayList<>();
        for (long user = 1; user <= 250; user++) {
            asked.add(user);
            if (user % 5 == 0) {
                continue; // never heard from
            }
            presence.heartbeat(user, 10, 1_000 + user);
            if (user % 2 == 0) {
                presence.disconnected(user, 10, 2_000 + user);
            }
        }
        asked.add(7L);

        Map<Long, PresenceTracker.Presence> together = presence.presences(asked, 3_000);

        assertThat(together).hasSize(200);
        for (long user = 1; user <= 250; user++) {
            assertThat(Optional.ofNullable(together.get(user))).as("user %d", user)
                    .isEqualTo(presence.presence(user, 3_000));
        }
        assertThat(together.get(2L)).isEqualTo(new PresenceTracker.Presence(false, 2_002));
        assertThat(together.get(3L)).isEqualTo(new PresenceTracker.Presence(true, 1_003));
        assertThat(presence.presences(List.of(), 3_000)).isEmpty();
    }
}
