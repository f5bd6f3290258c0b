package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPacingTest {
    /** What reaches the router: request lines, and body bytes. */
    private static final class Received extends ChannelInboundHandlerAdapter {
        final List<String> requests = new ArrayList<>();
        int bodyBytes;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                requests.add(request.method() + " " + request.uri());
            }
            if (msg instanceof HttpContent content) {
                bodyBytes += content.content().readableBytes();
            }
            ReferenceCountUtil.release(msg);
        }
    }

    private final Received received = new Received();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ReadGate(), new HttpServerCodec(),
            new RequestPacing(), received);

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private void answer(HttpResponseStatus status) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpUtil.setContentLength(response, 0);
        channel.writeAndFlush(response);
        channel.runPendingTasks();
        releaseOutbound();
    }

    private void releaseOutbound() {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(out);
        }
    }

    @Test
    void pipelinedRequestsDecodedFromOneReadArePassedOnOneAnswerAtATime() {
        channel.writeInbound(bytes("GET /healthz HTTP/1.1\r\n\r\nGET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n"));

        assertThat(received.requests).containsExactly("GET /healthz");
        assertThat(channel.config().isAutoRead()).as("reading stops while a request is answered").isFalse();

        answer(HttpResponseStatus.OK);
        assertThat(received.requests).containsExactly("GET /healthz", "GET /a");
        answer(HttpResponseStatus.OK);
        assertThat(received.requests).containsExactly("GET /healthz", "GET /a", "GET /b");
        assertThat(channel.config().isAutoRead()).isFalse();

        answer(HttpResponseStatus.OK);
        assertThat(channel.config().isAutoRead()).as("reads again once everything is answered").isTrue();
    }

    @Test
    void anInterimContinueIsNotTheAnswer() {
        channel.writeInbound(bytes("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n"));
        channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.runPendingTasks();
        releaseOutbound();

        assertThat(received.requests).containsExactly("GET /a");
    }

    @Test
    void aBodyKeepsFlowingWhileItsRequestIsReceivedAndAnEarlyAnswerDoesNotHoldTheNextRequest() {
        channel.writeInbound(bytes("PUT /api/media/uploads/u?offset=0 HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345"));
        assertThat(channel.config().isAutoRead()).as("still receiving the body").isTrue();
        answer(HttpResponseStatus.CONFLICT); // refused before the body is complete
        channel.writeInbound(bytes("67890GET /next HTTP/1.1\r\n\r\n"));

        assertThat(received.bodyBytes).isEqualTo(10);
        assertThat(received.requests).containsExactly("PUT /api/media/uploads/u?offset=0", "GET /next");
    }

    @Test
    void aClientFarAheadOfItsAnswersIsDisconnected() {
        String request = "GET /healthz HTTP/1.1\r\n\r\n";
        channel.writeInbound(bytes(request.repeat(RequestPacing.MAX_WAITING_REQUESTS + 2)));

        assertThat(channel.isActive()).isFalse();
        assertThat(received.requests).hasSize(1);
    }

    @Test
    void afterAWebSocketUpgradeEverythingPassesAndReadingResumes() {
        channel.writeInbound(bytes("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
        assertThat(channel.config().isAutoRead()).isFalse();
        channel.writeAndFlush(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS));
        channel.runPendingTasks();
        releaseOutbound();

        assertThat(channel.config().isAutoRead()).isTrue();
        RequestPacing pacing = channel.pipeline().get(RequestPacing.class);
        assertThat(pacing.upgraded()).isTrue();
        assertThat(pacing.awaitingAnswer()).isFalse();
    }

    @Test
    void aRequestIsAwaitingItsAnswerOnlyOnceReceivedWhole() {
        RequestPacing pacing = channel.pipeline().get(RequestPacing.class);
        channel.writeInbound(bytes("POST /api/x HTTP/1.1\r\nContent-Length: 4\r\n\r\nab"));
        assertThat(pacing.awaitingAnswer()).isFalse();
        channel.writeInbound(bytes("cd"));
        assertThat(pacing.awaitingAnswer()).isTrue();
        answer(HttpResponseStatus.OK);
        assertThat(pacing.awaitingAnswer()).isFalse();
        assertThat(LastHttpContent.EMPTY_LAST_CONTENT).isNotNull();
    }
}
