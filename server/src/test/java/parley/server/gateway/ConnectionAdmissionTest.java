package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.protocol.JsonCodec;

class ConnectionAdmissionTest {
    private final ConnectionLimits limits = new ConnectionLimits(100, 1, 10);
    private final AtomicInteger routed = new AtomicInteger();

    private EmbeddedChannel connect() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new ReadGate(), new HttpServerCodec(),
                new ConnectionAdmission(limits, new ClientAddresses(List.of()), new HttpResponses(new JsonCodec())),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpRequest) {
                            routed.incrementAndGet();
                        }
                        ReferenceCountUtil.release(msg);
                    }
                });
        channel.pipeline().fireChannelActive();
        return channel;
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        Object out;
        while ((out = channel.readOutbound()) != null) {
            text.append(((ByteBuf) out).toString(StandardCharsets.UTF_8));
            ReferenceCountUtil.release(out);
        }
        return text.toString();
    }

    private static ByteBuf request() {
        return Unpooled.copiedBuffer("GET /healthz HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII);
    }

    @Test
    void aConnectionOverTheLimitIsAnswered429WithARetryHintAndClosed() {
        EmbeddedChannel first = connect();
        EmbeddedChannel second = connect();
        second.writeInbound(request());
        second.runPendingTasks();

        String answer = written(second);
        assertThat(answer).startsWith("HTTP/1.1 429").contains("retry-after: 5").contains("\"rate_limited\"")
                .contains("\"retryAfterMs\":5000");
        assertThat(second.isActive()).isFalse();
        first.writeInbound(request());
        assertThat(routed).as("only the admitted connection's request reaches the router").hasValue(1);
        assertThat(limits.open()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionThatSendsNothingIsClosedSoon() {
        connect();
        EmbeddedChannel silent = connect();
        silent.advanceTimeBy(ConnectionAdmission.REFUSAL_MILLIS + 1, TimeUnit.MILLISECONDS);
        silent.runScheduledPendingTasks();
        assertThat(silent.isActive()).isFalse();
    }

    @Test
    void closingAnAdmittedConnectionMakesRoomForTheNext() {
        EmbeddedChannel first = connect();
        first.close();
        assertThat(limits.open()).isZero();
        EmbeddedChannel next = connect();
        next.writeInbound(request());
        assertThat(routed).hasValue(1);
        assertThat(next.isActive()).isTrue();
    }
}
