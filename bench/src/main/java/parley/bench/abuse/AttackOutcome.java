package parley.bench.abuse;

import java.util.Map;

/**
 * The attacker's side of one attack phase, as reported.
 *
 * @param summary             one line: what refusal it got, or "not refused"
 * @param refused             whether the node refused or pushed back at all
 * @param firstRefusalSeconds seconds into the attack of the first refusal; null when none
 * @param accepted            answers of a node that did the work, by answer
 * @param refusals            refusals by answer (status and code, close reason, stopped reading)
 * @param noAnswer            attempts that got no answer at all, by reason
 * @param facts               the attack's own figures (requests written, connections held...)
 */
public record AttackOutcome(String summary, boolean refused, Double firstRefusalSeconds, Map<String, Long> accepted,
                            Map<String, Long> refusals, Map<String, Long> noAnswer, Map<String, Object> facts) {
}
