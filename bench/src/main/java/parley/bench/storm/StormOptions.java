package parley.bench.storm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.bench.load.TargetOptions;

/**
 * The settings of a reconnect storm.
 *
 * @param clients    members that drop and reconnect at once
 * @param groupSize  members per group (each group also has one writer, who stays connected)
 * @param before     messages each writer sends while everyone is connected
 * @param during     messages each writer sends while the members are away
 * @param size       bytes of text per message
 * @param maxOpening connections still resyncing at once in the storm ({@code clients} means all at once)
 * @param syncPage   messages per sync page, or null for the server's default
 * @param limit      the most time the first connection, and then the storm, may take
 */
record StormOptions(TargetOptions target, int clients, int groupSize, int before, int during, int size,
                    int maxOpening, Integer syncPage, Duration limit) {

    int groups() {
        return (clients + groupSize - 1) / groupSize;
    }

    String describe() {
        return clients + " clients in " + groups() + " groups of up to " + groupSize + " drop and reconnect at once; "
                + before + " messages per group before, " + during + " while away";
    }

    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", clients);
        settings.put("groupSize", groupSize);
        settings.put("before", before);
        settings.put("during", during);
        settings.put("size", size);
        settings.put("maxOpening", maxOpening);
        settings.put("syncPage", syncPage);
        settings.put("limitSeconds", limit.toSeconds());
        return settings;
    }
}
