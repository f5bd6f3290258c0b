package parley.server.presence;

import java.time.Clock;
import java.util.List;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ServerFrame;
import parley.server.cluster.ClusterBus;
import parley.server.config.LimitsConfig;
import parley.server.config.RateLimit;
import parley.server.limits.BucketTable;
import parley.server.store.ChatStore;

/**
 * Relays "typing" to the other members of a chat, through the cluster bus to their online sessions;
 * nothing is stored, and clients expire an indicator 6 s after its last renewal. Rate-limited per
 * user on this node ({@link #BURST} at once, refilled one per {@link #REFILL_MILLIS}): the excess
 * is dropped quietly. Blocking (a membership read): call off the event loop. Thread-safe: the
 * buckets live in a concurrent map, each synchronized; full buckets are forgotten once the map
 * grows past {@link #PRUNE_ABOVE} users, so memory follows the users typing now.
 */
public final class TypingRelay {
    public static final int BURST = 10;
    public static final long REFILL_MILLIS = 1000;

    private final ChatStore chats;
    private final ClusterBus bus;
    private final JsonCodec codec;
    private final Clock clock;
    private final BucketTable<Long> buckets;

    public TypingRelay(ChatStore chats, ClusterBus bus, JsonCodec codec, Clock clock) {
        this.chats = chats;
        this.bus = bus;
        this.codec = codec;
        this.clock = clock;
        this.buckets = new BucketTable<>(new RateLimit(BURST, REFILL_MILLIS), LimitsConfig.USERS_TRACKED, clock);
    }

    /**
     * Takes one of the user's typing tokens: false when over the rate (the indicator is then dropped).
     * Non-blocking: a gateway calls it before handing the relay to a pool, so that a flood of typing
     * never reaches the pool.
     */
    public boolean admit(long userId) {
        return buckets.take(userId) == 0;
    }

    /**
     * Relays an indicator already admitted by {@link #admit}. Blocking (a membership read).
     *
     * @throws ProtocolException {@code not_found} when the user is not a member of the chat
     */
    public void relay(long userId, long chatId, boolean typing) {
        if (!chats.isMember(chatId, userId)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such chat");
        }
        List<Long> others = chats.members(chatId).stream().filter(member -> member != userId).toList();
        if (!others.isEmpty()) {
            bus.deliver(others, codec.encodeBytes(new ServerFrame.Typing(chatId, userId, typing)));
        }
    }
}
