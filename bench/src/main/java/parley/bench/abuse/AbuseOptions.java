package parley.bench.abuse;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.bench.load.TargetOptions;

/**
 * The abuse scenario's settings, validated by {@link AbuseCommand}.
 *
 * @param phase            the length of each baseline and each attack phase
 * @param settle           the pause before each attack's baseline, for the node to recover from the last one
 * @param settleMax        the longest wait before a baseline for the bystander to be served cleanly again
 * @param attackerAddress  the local address every attack comes from (the bystander uses another)
 * @param apiEvery         the bystander's {@code GET /api/me} period
 * @param sendEvery        the bystander's pace: at most one message per this period (zero: as fast
 *                         as acks come, which the node paces at its send rates)
 * @param concurrency      requests at once of the request floods (logins, poll sessions, groups)
 * @param maxAttempts      each attack's budget: requests, messages, connections or 64 KiB writes
 * @param bombSide         the JPEG bomb's width and height
 * @param bombScans        the JPEG bomb's scans
 * @param bombConcurrency  bombs uploaded and completed at once
 * @param floodConnections idle connections of the connection flood
 * @param groupSize        members of each group of the group flood, creator included
 * @param slowTransfers    dribbling connections of the slow upload
 * @param dribbleMillis    the pause between two bytes of one dribbling connection
 */
record AbuseOptions(TargetOptions target, List<AttackKind> attacks, Duration phase, Duration settle,
                    Duration settleMax, InetAddress attackerAddress, Duration apiEvery, Duration sendEvery, int concurrency, long maxAttempts, int bombSide,
                    int bombScans, int bombConcurrency, int floodConnections, int groupSize, int slowTransfers,
                    int dribbleMillis) {

    String describe() {
        return attacks.size() + " attacks (" + String.join(", ", attacks.stream().map(AttackKind::wire).toList())
                + "), " + phase.toSeconds() + " s baseline + " + phase.toSeconds() + " s attack each, from "
                + attackerAddress.getHostAddress();
    }

    Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("attacks", attacks.stream().map(AttackKind::wire).toList());
        s.put("phaseSeconds", phase.toSeconds());
        s.put("settleSeconds", settle.toSeconds());
        s.put("settleMaxSeconds", settleMax.toSeconds());
        s.put("attackerAddress", attackerAddress.getHostAddress());
        s.put("apiEveryMillis", apiEvery.toMillis());
        s.put("sendEveryMillis", sendEvery.toMillis());
        s.put("concurrency", concurrency);
        s.put("maxAttempts", maxAttempts);
        s.put("bombSide", bombSide);
        s.put("bombScans", bombScans);
        s.put("bombConcurrency", bombConcurrency);
        s.put("floodConnections", floodConnections);
        s.put("groupSize", groupSize);
        s.put("slowTransfers", slowTransfers);
        s.put("dribbleMillis", dribbleMillis);
        return s;
    }
}
