package parley.server.limits;

import java.time.Clock;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.config.LimitsConfig;

/**
 * How fast one user may grow groups: groups created, and members put into groups (at creation or
 * later), each a token bucket per user. Every member of a group receives its messages, so this
 * bounds the fan-out one account can set up. Thread-safe: the tables are.
 */
public final class GroupLimits {
    private final BucketTable<Long> created;
    private final BucketTable<Long> added;

    public GroupLimits(LimitsConfig limits, Clock clock) {
        this.created = new BucketTable<>(limits.groupsCreatedPerUser(), LimitsConfig.USERS_TRACKED, clock);
        this.added = new BucketTable<>(limits.membersAddedPerUser(), LimitsConfig.USERS_TRACKED, clock);
    }

    /**
     * The user creates a group with {@code members} others in it.
     *
     * @throws ProtocolException {@code rate_limited} with a retry hint; nothing is counted then
     */
    public void create(long userId, int members) {
        long wait = created.take(userId);
        if (wait > 0) {
            throw ProtocolException.rateLimited("you are creating groups too fast (the limit is "
                    + created.rate().describe("groups") + "); try again later", wait);
        }
        try {
            add(userId, members);
        } catch (ProtocolException e) {
            created.giveBack(userId);
            throw e;
        }
    }

    /**
     * The user puts {@code members} people into a group.
     *
     * @throws ProtocolException {@code rate_limited} with a retry hint; nothing is counted then
     */
    public void add(long userId, int members) {
        if (members <= 0) {
            return;
        }
        if (members > added.burst()) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED,
                    "at most " + added.burst() + " members can be added at once; add them in parts");
        }
        long wait = added.take(userId, members);
        if (wait > 0) {
            throw ProtocolException.rateLimited("you are adding members to groups too fast (the limit is "
                    + added.rate().describe("members") + "); try again later", wait);
        }
    }
}
