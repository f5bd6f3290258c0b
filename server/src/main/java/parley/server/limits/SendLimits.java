package parley.server.limits;

import java.time.Clock;
import parley.protocol.ProtocolException;
import parley.server.config.LimitsConfig;

/**
 * The node's limits on what connections send: a rate of messages per user (every connection of the
 * user on this node together), and for each connection its own {@link ConnectionBudget} (a rate of
 * messages and a cap on requests in flight). Thread-safe: the table by user is.
 */
public final class SendLimits {
    private final LimitsConfig limits;
    private final BucketTable<Long> sendsByUser;
    private final Clock clock;

    public SendLimits(LimitsConfig limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.sendsByUser = new BucketTable<>(limits.sendsPerUser(), LimitsConfig.USERS_TRACKED, clock);
    }

    /** The budget of a new connection of this user. */
    public ConnectionBudget connection(long userId) {
        return new ConnectionBudget(this, userId, limits.sendsPerConnection(), limits.inFlightPerConnection(), clock);
    }

    /** Takes one of the user's sends, or refuses with the time until one is there. */
    void takeUserSend(long userId) {
        long wait = sendsByUser.take(userId);
        if (wait > 0) {
            throw ProtocolException.rateLimited("you are sending too fast (the limit is "
                    + limits.sendsPerUser().describe("messages") + "); slow down", wait);
        }
    }
}
