package parley.server.gateway;

import java.time.Clock;
import parley.protocol.JsonCodec;
import parley.protocol.model.Limits;
import parley.server.auth.AccountService;
import parley.server.chat.ChatQueries;
import parley.server.chat.MessagingService;
import parley.server.cluster.ClusterBus;
import parley.server.limits.SendLimits;
import parley.server.presence.PresenceService;
import parley.server.presence.TypingRelay;

/**
 * What every session of the node uses, WebSocket or long-poll; shared, all thread-safe.
 * {@code outboundQueueBytes} bounds one session's queued frames, {@code outboundBudget} those of a
 * user and of the node.
 */
public record SessionServices(AccountService accounts, MessagingService messaging, ChatQueries queries,
                              BlockingExecutor blocking, SessionRegistry registry, ClusterBus bus,
                              PresenceService presence, TypingRelay typing, SendLimits sendLimits,
                              JsonCodec codec, Limits limits, int heartbeatSeconds, long outboundQueueBytes, Clock clock,
                              OutboundBudget outboundBudget) {
}
