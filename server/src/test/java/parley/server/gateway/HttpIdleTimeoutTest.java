package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpIdleTimeoutTest {
    private final RequestPacing pacing = new RequestPacing();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ReadGate(), new HttpServerCodec(), pacing,
            new HttpIdleTimeout(pacing));

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        Object in;
        while ((in = channel.readInbound()) != null) {
            ReferenceCountUtil.release(in);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aConnectionWaitingForItsAnswerIsNotIdle() {
        receive("GET /api/poll/sessions/s?cursor=0 HTTP/1.1\r\n\r\n");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void anUploadWhoseBodyWaitsForTheBlobStoreIsNotIdle() {
        receive("PUT /api/media/uploads/u?offset=0 HTTP/1.1\r\nContent-Length: 100\r\n\r\n12345");
        ReadGate.pause(channel, ReadGate.Reason.BODY_BACKLOG);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aClientThatStopsInTheMiddleOfItsRequestIsIdle() {
        receive("POST /api/x HTTP/1.1\r\nContent-Length: 100\r\n\r\n12345");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void readerSilenceAloneDoesNotCloseAPlainHttpConnection() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isTrue();
    }
}
