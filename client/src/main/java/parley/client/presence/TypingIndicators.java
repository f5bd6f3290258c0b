package parley.client.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * Who is typing in which chat, as a chat screen shows it: a member shows as typing from a
 * {@code typing} true until a {@code typing} false, a message from that member in that chat, or
 * {@link #EXPIRY} without renewal (the server never says "stopped" for a typer who vanished).
 *
 * <p>Thread-safe: the connection records from its I/O thread while the application reads from
 * any thread; each entry is one map key holding its last renewal, so no read sees half an update.
 * Expired entries are dropped as they are read, so the map holds only recent typers.
 */
public final class TypingIndicators {
    /** How long an indicator lasts without renewal (typers renew every 3 s or so). */
    public static final Duration EXPIRY = Duration.ofSeconds(6);

    private record Typist(long chatId, long userId) {
    }

    private final Clock clock;
    private final Map<Typist, Long> renewedAt = new ConcurrentHashMap<>();

    public TypingIndicators(Clock clock) {
        this.clock = clock;
    }

    /** A typing frame arrived. */
    public void record(ServerFrame.Typing typing) {
        Typist typist = new Typist(typing.chatId(), typing.userId());
        if (typing.typing()) {
            renewedAt.put(typist, clock.millis());
        } else {
            renewedAt.remove(typist);
        }
    }

    /** A message arrived: its sender has stopped typing in its chat. */
    public void record(ChatMessage message) {
        renewedAt.remove(new Typist(message.chatId(), message.senderId()));
    }

    /** The users typing in the chat now, in no particular order. */
    public Set<Long> typingIn(long chatId) {
        long now = clock.millis();
        renewedAt.entrySet().removeIf(e -> now - e.getValue() >= EXPIRY.toMillis());
        return renewedAt.keySet().stream().filter(t -> t.chatId() == chatId).map(Typist::userId)
                .collect(Collectors.toUnmodifiableSet());
    }
}
