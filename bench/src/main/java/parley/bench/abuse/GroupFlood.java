package parley.bench.abuse;

import java.time.Duration;
import parley.protocol.api.CreateGroupRequest;

/**
 * One user creating large groups as fast as it can, each with the same {@code --group-size}
 * members: every group is a chat, a member row per member and a {@code created} message pushed to
 * each. A refusal is a {@code 429} (a quota) or {@code 503}; {@code 409 group_full} says the size
 * asked for is over the node's group limit.
 */
final class GroupFlood implements Attack {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AttackSetup setup;

    GroupFlood(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        tally.fact("members per group", setup.groupMembers().size() + 1);
        CreateGroupRequest group = new CreateGroupRequest("flood", setup.groupMembers(), false);
        Workers.run("group", Math.min(8, setup.options().concurrency()), control, tally,
                worker -> tally.count(setup.net().json("POST", "/api/groups", setup.attacker().token(), group, TIMEOUT)));
    }
}
