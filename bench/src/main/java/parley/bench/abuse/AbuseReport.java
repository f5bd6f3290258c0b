package parley.bench.abuse;

import java.util.List;
import java.util.Map;
import parley.bench.load.Verdict;

/**
 * The result of an abuse run, as written to the JSON file and shown as a table.
 *
 * @param attacks   each attack that ran, in order
 * @param bystander the bystander's messages over the whole run, checked against the stored chat
 * @param nodeDied  why the run stopped early because the node died or stopped answering; null when it did not
 * @param verdict   passes when every bystander message was acked, none was lost, and the node lived
 */
record AbuseReport(String scenario, String description, String startedAt, Map<String, Object> settings,
                   double setupSeconds, List<AttackResult> attacks, BystanderCheck bystander, String nodeDied,
                   Verdict verdict, List<String> notes) {

    /**
     * One attack: the bystander's baseline and attack phases, what the attacker got, and the node's memory.
     *
     * @param nodeAfter     "alive", or why the node is taken for dead after the attack
     * @param settleSeconds the wait before the baseline until the bystander was served cleanly (the
     *                      previous attack's after-effects)
     */
    record AttackResult(String attack, String description, PhaseStats.PhaseResult baseline,
                        PhaseStats.PhaseResult underAttack, AttackOutcome attacker, NodeMemory node, String nodeAfter,
                        double settleSeconds) {
    }
}
