package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;
import parley.protocol.JsonCodec;
import parley.server.testing.ManualClock;

/** A client too slow to be serving anyone is cut; a patient but steady one, or one the server holds back, is not. */
class SlowRequestGuardTest {
    private static final int MIN_RATE = 1024;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final RequestPacing pacing = new RequestPacing();
    private final SlowRequestGuard guard = new SlowRequestGuard(pacing, new HttpResponses(new JsonCodec()), MIN_RATE, clock);
    private final EmbeddedChannel channel = new EmbeddedChannel(new ReadGate(), guard);
    private final ChannelHandlerContext ctx = channel.pipeline().context(guard);

    private void tick(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(1000);
            guard.check(ctx);
        }
        channel.runPendingTasks();
    }

    private void body(int bytes) {
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[bytes])));
    }

    private void head() {
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/register"));
    }

    private int refusedStatus() {
        Object out = channel.readOutbound();
        return out instanceof FullHttpResponse response ? response.status().code() : -1;
    }

    @Test
    void aBodyDribbledUnderTheRateIsCutAfterTheGrace() {
        head();
        for (int s = 0; s < 10; s++) {
            body(5);
            tick(1);
        }
        assertThat(refusedStatus()).as("within the grace").isEqualTo(-1);
        tick(2);
        assertThat(refusedStatus()).isEqualTo(408);
    }

    @Test
    void aSteadyBodyAtTheRateIsNotCutAndNeitherIsABodyTheServerHoldsBack() {
        head();
        for (int s = 0; s < 30; s++) {
            body(MIN_RATE);
            tick(1);
        }
        ReadGate.pause(channel, ReadGate.Reason.BODY_BACKLOG); // the blob store is slow: the client cannot send
        channel.runPendingTasks();
        tick(60);
        assertThat(refusedStatus()).isEqualTo(-1);
        ReadGate.resume(channel, ReadGate.Reason.BODY_BACKLOG);
        channel.runPendingTasks();
        body(MIN_RATE);
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        tick(15);
        assertThat(refusedStatus()).as("15 s free for a head: the idle timer's business, not yet this one's")
                .isEqualTo(-1);
    }

    @Test
    void aHeadNeverCompletedIsCut() {
        tick(19);
        assertThat(refusedStatus()).isEqualTo(-1);
        tick(2);
        assertThat(refusedStatus()).isEqualTo(408);
    }
}
