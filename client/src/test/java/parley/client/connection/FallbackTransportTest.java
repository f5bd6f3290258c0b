package parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.protocol.frame.ServerFrame;

class FallbackTransportTest {
    private static final URI URI_WS = URI.create("ws://127.0.0.1:9/ws");

    private final FakeTransport webSocket = new FakeTransport();
    private final FakeTransport longPoll = new FakeTransport(TransportKind.LONG_POLL);
    private final MutableClock clock = new MutableClock();
    private final FallbackTransport transport = new FallbackTransport(webSocket, longPoll, clock, Duration.ofMinutes(10));
    private final RecordingEvents events = new RecordingEvents();

    /** Counts the sockets reported open. */
    private static final class RecordingEvents implements Transport.Listener {
        volatile int opened;

        @Override
        public void onOpen(Transport.Socket socket) {
            opened++;
        }

        @Override
        public void onText(String text) {
        }

        @Override
        public void onClosed(int status, String reason) {
        }

        @Override
        public void onError(Throwable error) {
        }
    }

    private Transport.Socket open() throws Exception {
        return transport.open(URI_WS, "tok", events).get(5, TimeUnit.SECONDS);
    }

    private Throwable openFailure() {
        CompletableFuture<Transport.Socket> future = transport.open(URI_WS, "tok", events);
        Throwable thrown = catchThrowable(() -> future.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @Test
    void aWorkingWebSocketIsUsedAndLongPollingNeverTried() throws Exception {
        open();

        assertThat(webSocket.opens.get()).isEqualTo(1);
        assertThat(longPoll.opens.get()).isZero();
        assertThat(transport.fellBack()).isFalse();
        assertThat(events.opened).isEqualTo(1);
    }

    @Test
    void anUpgradeRefusedByAProxyFallsBackToLongPollingAndTheChoiceIsKept() throws Exception {
        webSocket.refusals.add(new UpgradeRefusedException(403));

        Transport.Socket first = open();
        assertThat(first).isSameAs(longPoll.nextSocket());
        assertThat(longPoll.lastToken).isEqualTo("tok");
        assertThat(transport.fellBack()).isTrue();

        clock.advance(Duration.ofMinutes(9));
        open();
        assertThat(webSocket.opens.get()).as("a reconnect keeps to long polling").isEqualTo(1);
        assertThat(longPoll.opens.get()).isEqualTo(2);
        assertThat(events.opened).isEqualTo(2);
    }

    @Test
    void anyNon101AnswerOrACutConnectionFallsBack() throws Exception {
        webSocket.refusals.add(new UpgradeRefusedException(400));
        open();
        FallbackTransport another = new FallbackTransport(webSocket, longPoll, clock, Duration.ofMinutes(10));
        webSocket.refusals.add(new IOException("connection reset by the proxy"));
        another.open(URI_WS, "tok", events).get(5, TimeUnit.SECONDS);

        assertThat(longPoll.opens.get()).isEqualTo(2);
        assertThat(another.fellBack()).isTrue();
    }

    @Test
    void theWebSocketIsTriedAgainAfterTheRetryTimeAndKeptWhenItWorks() throws Exception {
        webSocket.refusals.add(new UpgradeRefusedException(403));
        open();

        clock.advance(Duration.ofMinutes(11));
        Transport.Socket socket = open();
        assertThat(socket.kind()).isEqualTo(TransportKind.WEBSOCKET);
        webSocket.nextSocket();
        assertThat(transport.fellBack()).isFalse();
        open();
        assertThat(webSocket.opens.get()).isEqualTo(3);
        assertThat(longPoll.opens.get()).isEqualTo(1);
    }

    @Test
    void aStillBlockedWebSocketFallsBackAgainForAnotherRetryTime() throws Exception {
        webSocket.refusals.add(new UpgradeRefusedException(403));
        open();
        clock.advance(Duration.ofMinutes(11));
        webSocket.refusals.add(new UpgradeRefusedException(403));
        open();

        clock.advance(Duration.ofMinutes(9));
        open();
        assertThat(webSocket.opens.get()).isEqualTo(2);
        assertThat(longPoll.opens.get()).isEqualTo(3);
    }

    @Test
    void aRefusedTokenIsAnAuthErrorNotAReasonToFallBack() {
        webSocket.refusals.add(new UpgradeRefusedException(401));

        Throwable failure = openFailure();
        assertThat(failure).isInstanceOfSatisfying(UpgradeRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(longPoll.opens.get()).isZero();
        assertThat(transport.fellBack()).isFalse();
    }

    @Test
    void aTokenRefusedByLongPollingBehindABlockingProxyIsAnAuthError() {
        webSocket.refusals.add(new UpgradeRefusedException(403));
        longPoll.refusals.add(new UpgradeRefusedException(401));

        Throwable failure = openFailure();
        assertThat(failure).isInstanceOfSatisfying(UpgradeRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(transport.fellBack()).isFalse();
    }

    @Test
    void whenBothFailTheWebSocketsErrorIsReportedAndNothingIsRemembered() {
        IOException refused = new IOException("connection refused");
        webSocket.refusals.add(refused);
        longPoll.refusals.add(new HttpTimeoutException("no answer"));

        assertThat(openFailure()).isSameAs(refused);
        assertThat(transport.fellBack()).isFalse();
        assertThat(events.opened).isZero();
    }

    @Test
    void aWebSocketThatEndsBeforeItsFirstMessageMakesReconnectsUseLongPolling() throws Exception {
        open();
        webSocket.nextSocket().fails(new IOException("the proxy dropped the tunnel"));
        assertThat(transport.fellBack()).isTrue();

        assertThat(open().kind()).isEqualTo(TransportKind.LONG_POLL);
        assertThat(webSocket.opens.get()).isEqualTo(1);
        assertThat(longPoll.opens.get()).isEqualTo(1);
    }

    @Test
    void aWebSocketGivenUpBeforeItsFirstMessageMakesReconnectsUseLongPolling() throws Exception {
        Transport.Socket socket = open();
        socket.abort(); // as the connection does when no ready comes in time

        assertThat(transport.fellBack()).isTrue();
        assertThat(open().kind()).isEqualTo(TransportKind.LONG_POLL);
    }

    @Test
    void aWebSocketThatCarriedMessagesStaysPreferredAfterADropOrAClose() throws Exception {
        Transport.Socket first = open();
        FakeTransport.FakeSocket server = webSocket.nextSocket();
        server.serverSends(new ServerFrame.Pong("p1"));
        server.fails(new IOException("network changed"));
        assertThat(transport.fellBack()).isFalse();
        first.abort();
        assertThat(transport.fellBack()).isFalse();

        open().close();
        assertThat(transport.fellBack()).as("a polite close is the owner's choice").isFalse();
        assertThat(open().kind()).isEqualTo(TransportKind.WEBSOCKET);
        assertThat(longPoll.opens.get()).isZero();
    }

    @Test
    void whenLongPollingIsPreferredButFailsTheWebSocketIsTriedAndPreferredAgain() throws Exception {
        webSocket.refusals.add(new UpgradeRefusedException(403));
        open();
        longPoll.refusals.add(new IOException("the long-poll call failed"));

        assertThat(open().kind()).isEqualTo(TransportKind.WEBSOCKET);
        assertThat(transport.fellBack()).isFalse();
    }
}
