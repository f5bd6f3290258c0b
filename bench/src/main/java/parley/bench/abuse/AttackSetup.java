package parley.bench.abuse;

import java.util.List;
import parley.bench.load.BenchUser;
import parley.bench.wire.WireClients;

/**
 * What an attack works with: the attacker's network, its accounts (made before the attack
 * through the operator endpoint, so that the attack itself is only the abuse), and the options.
 *
 * @param attacker     the user who attacks
 * @param peer         the other member of the attacker's one-on-one chat
 * @param chatId       that chat: where the send floods go
 * @param groupMembers users to put in the groups of the group flood (empty unless it runs)
 * @param wire         raw WebSocket sessions from the attacker's address
 */
record AttackSetup(AttackerNet net, WireClients wire, BenchUser attacker, BenchUser peer, long chatId,
                   List<Long> groupMembers, AbuseOptions options) {
}
