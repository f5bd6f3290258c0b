package parley.server.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import parley.server.auth.AuthenticatedDevice;
import parley.server.presence.PresenceService;
import parley.server.limits.TokenBucket;

/**
 * One connection's part in presence: it reports the connect, each heartbeat, and the end, and it
 * notices a device that fell silent (killed without a goodbye, a dead network) after two heartbeat
 * intervals, before the idle timeout closes the connection: the device then counts as gone since
 * its last heartbeat (a later ping brings it back online).
 *
 * <p>Pings more frequent than needed (past a burst of {@link #PING_BURST}, more than one per half
 * interval) are refused by {@link #ping()}: the caller drops them quietly. Confined to the
 * connection's event loop.
 */
final class ConnectionPresence {
    static final int PING_BURST = 3;

    private final Session session;
    private final PresenceService presence;
    private final Clock clock;
    private final long intervalMillis;
    private final TokenBucket pings;
    private long lastHeard;
    private boolean silent;
    private ScheduledFuture<?> silenceCheck;

    ConnectionPresence(Session session, PresenceService presence, Clock clock, int heartbeatSeconds) {
        this.session = session;
        this.presence = presence;
        this.clock = clock;
        this.intervalMillis = 1000L * heartbeatSeconds;
        this.lastHeard = clock.millis();
        this.pings = new TokenBucket(PING_BURST, Math.max(1, intervalMillis / 2), lastHeard);
    }

    /** The connection is open: the device is online; silence is checked every half interval. */
    void start(EventExecutor loop) {
        presence.connected(session.device().userId(), session.device().deviceId(), session);
        long period = Math.max(1, intervalMillis / 2);
        silenceCheck = loop.scheduleAtFixedRate(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
    }

    /** A ping arrived: true when it counts (answer it), false when it came too soon (drop it). */
    boolean ping() {
        long now = clock.millis();
        if (!pings.tryTake(now)) {
            return false;
        }
        lastHeard = now;
        AuthenticatedDevice device = session.device();
        if (silent) {
            silent = false;
            presence.connected(device.userId(), device.deviceId(), session);
        } else {
            presence.heard(device.userId(), device.deviceId());
        }
        return true;
    }

    /** The connection closed: the device was last heard now, unless it had already fallen silent. */
    void closed() {
        if (silenceCheck != null) {
            silenceCheck.cancel(false);
        }
        if (!silent) {
            silent = true;
            presence.disconnected(session.device().userId(), session.device().deviceId(), clock.millis());
        }
    }

    private void checkSilence() {
        if (!silent && clock.millis() - lastHeard > 2 * intervalMillis) {
            silent = true;
            presence.disconnected(session.device().userId(), session.device().deviceId(), lastHeard);
        }
    }
}
