package parley.bench.idle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.bench.load.TargetOptions;

/**
 * The settings of an idle-connections run.
 *
 * @param connections  raw WebSocket sessions opened, one user each
 * @param rampRate     sessions opened per second at most
 * @param maxOpening   upgrades in flight at most (opened but not yet {@code ready})
 * @param hold         how long every session stays open, only heartbeating, once all are up
 * @param limit        the most time the opening may take
 */
record IdleOptions(TargetOptions target, int connections, int rampRate, int maxOpening, Duration hold,
                   Duration limit) {

    String describe() {
        return connections + " idle connections (heartbeats only), opened at up to " + rampRate + "/s, held "
                + hold.toSeconds() + " s";
    }

    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("connections", connections);
        settings.put("rampRate", rampRate);
        settings.put("maxOpening", maxOpening);
        settings.put("holdSeconds", hold.toSeconds());
        settings.put("limitSeconds", limit.toSeconds());
        return settings;
    }
}
