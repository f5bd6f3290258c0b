package parley.client.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.client.connection.MutableClock;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;

class TypingIndicatorsTest {
    private static final long CHAT = 7;
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final MutableClock clock = new MutableClock();
    private final TypingIndicators indicators = new TypingIndicators(clock);

    private void pass(Duration time) {
        clock.advance(time);
    }

    @Test
    void aTyperShowsUntilSixSecondsWithoutRenewal() {
        indicators.record(new ServerFrame.Typing(CHAT, ALICE, true));
        pass(Duration.ofMillis(5_999));
        assertThat(indicators.typingIn(CHAT)).containsExactly(ALICE);

        pass(Duration.ofMillis(1));
        assertThat(indicators.typingIn(CHAT)).isEmpty();
    }

    @Test
    void aRenewalKeepsTheIndicator() {
        indicators.record(new ServerFrame.Typing(CHAT, ALICE, true));
        for (int i = 0; i < 5; i++) {
            pass(Duration.ofSeconds(3));
            indicators.record(new ServerFrame.Typing(CHAT, ALICE, true));
        }
        pass(Duration.ofSeconds(5));
        assertThat(indicators.typingIn(CHAT)).containsExactly(ALICE);
    }

    @Test
    void aStopOrAMessageFromTheTyperEndsItAtOnceInThatChatOnly() {
        indicators.record(new ServerFrame.Typing(CHAT, ALICE, true));
        indicators.record(new ServerFrame.Typing(CHAT, BOB, true));
        indicators.record(new ServerFrame.Typing(CHAT + 1, ALICE, true));

        indicators.record(new ServerFrame.Typing(CHAT, BOB, false));
        assertThat(indicators.typingIn(CHAT)).containsExactly(ALICE);

        indicators.record(new ChatMessage(CHAT, 1, ALICE, UUID.randomUUID(), MessageKind.TEXT, "hi", 0, null));
        assertThat(indicators.typingIn(CHAT)).isEmpty();
        assertThat(indicators.typingIn(CHAT + 1)).containsExactly(ALICE);
    }
}
