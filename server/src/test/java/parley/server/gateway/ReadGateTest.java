package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ReadGateTest {
    @Test
    void readsOnlyOnceEveryReasonToPauseIsLifted() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReadGate());
        ReadGate.pause(channel, ReadGate.Reason.OUTPUT_BACKLOG);
        ReadGate.pause(channel, ReadGate.Reason.BODY_BACKLOG);
        assertThat(channel.config().isAutoRead()).isFalse();

        ReadGate.resume(channel, ReadGate.Reason.BODY_BACKLOG);
        assertThat(channel.config().isAutoRead()).as("the output is still backed up").isFalse();
        assertThat(ReadGate.isPausedFor(channel, ReadGate.Reason.OUTPUT_BACKLOG)).isTrue();

        ReadGate.resume(channel, ReadGate.Reason.OUTPUT_BACKLOG);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void resumingAReasonThatDidNotPauseChangesNothing() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReadGate());
        ReadGate.pause(channel, ReadGate.Reason.REQUEST_IN_FLIGHT);
        ReadGate.resume(channel, ReadGate.Reason.SESSION_SETUP);
        assertThat(channel.config().isAutoRead()).isFalse();
    }
}
