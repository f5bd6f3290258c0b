package parley.bench.fanout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.bench.load.LoadOptions;
import parley.bench.load.TargetOptions;

/**
 * The settings of a group fan-out run.
 *
 * @param groups     groups, each with its own members
 * @param members    members per group (the creator included)
 * @param senders    members of each group that send (through the SDK); the others only read
 * @param mode       closed loop ({@code window} sends in flight per sender) or open loop ({@code rate}
 *                   messages/s in total)
 * @param size       bytes of text per message
 * @param warmup     load before the measured window
 * @param duration   the measured window
 * @param drain      the most time to wait, after the load, for the last acks and deliveries
 * @param sdkClients SDK clients the senders' connections are spread over
 * @param limit      the most time the members may take to come online
 */
record FanoutOptions(TargetOptions target, int groups, int members, int senders, LoadOptions.Mode mode, int window,
                     int rate, int size, Duration warmup, Duration duration, Duration drain, int sdkClients,
                     Duration limit) {

    String describe() {
        String pacing = mode == LoadOptions.Mode.CLOSED ? "closed loop, window " + window : "open loop, " + rate + " msg/s";
        return groups + " group(s) of " + members + " members, " + senders + " sender(s) each, " + pacing + ", " + size
                + "-byte messages, " + duration.toSeconds() + " s measured after " + warmup.toSeconds() + " s warm-up";
    }

    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("groups", groups);
        settings.put("members", members);
        settings.put("senders", senders);
        settings.put("mode", mode.name().toLowerCase());
        settings.put("window", window);
        settings.put("rate", mode == LoadOptions.Mode.OPEN ? rate : null);
        settings.put("size", size);
        settings.put("warmupSeconds", warmup.toSeconds());
        settings.put("durationSeconds", duration.toSeconds());
        settings.put("drainSeconds", drain.toSeconds());
        settings.put("sdkClients", sdkClients);
        return settings;
    }
}
