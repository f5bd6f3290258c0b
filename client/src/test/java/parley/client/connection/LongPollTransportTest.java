package parley.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long-poll transport against a scripted HTTP server on loopback (the JDK's own): the session
 * it opens, the polls with their cursors, the posted frames in order, and how a session's end is
 * reported, with the code of its last error frame, as a WebSocket close would carry it.
 */
class LongPollTransportTest {
    private static final String SESSION = "/api/poll/sessions/s1";
    private static final String READY = "{\"type\":\"ready\",\"protocol\":\"parley.v1\",\"userId\":1,"
            + "\"username\":\"alice\",\"deviceId\":10,\"heartbeatSeconds\":5,"
            + "\"limits\":{\"maxFrameBytes\":65536,\"maxTextBytes\":4096,\"maxPageSize\":100}}";
    private static final String SLOW = "{\"type\":\"error\",\"code\":\"slow_consumer\",\"message\":\"too far behind\"}";

    /** One scripted answer: a status and a body. */
    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Answer> polls = new LinkedBlockingQueue<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile Answer open = new Answer(201, "{\"sessionId\":\"s1\",\"cursor\":0}");
    private volatile Answer post = new Answer(204, "");
    private final HttpClient http = HttpClient.newHttpClient();
    private final LongPollTransport transport = new LongPollTransport(http, Duration.ofSeconds(10));
    private final JdkWebSocketTransportTest.Events events = new JdkWebSocketTransportTest.Events();

    LongPollTransportTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        executor.shutdownNow();
        http.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestMethod() + " " + exchange.getRequestURI()
                + " " + exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(body.isEmpty() ? target : target + " " + body);
        Answer answer;
        if (exchange.getRequestURI().getPath().equals("/api/poll/sessions")) {
            answer = open;
        } else if (exchange.getRequestMethod().equals("GET")) {
            try {
                answer = polls.poll(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = null;
            }
            answer = answer == null ? new Answer(200, "{\"frames\":[],\"cursor\":0}") : answer;
        } else {
            answer = post;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** Waits up to 30 s: the calls go over real loopback HTTP on a busy machine. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getAddress().getPort() + "/ws");
    }

    @Test
    void aSessionIsPolledWithEachCursorAndItsEndCarriesTheLastErrorCode() throws Exception {
        polls.add(new Answer(200, "{\"frames\":[" + READY + "],\"cursor\":1}"));
        polls.add(new Answer(200, "{\"frames\":[" + SLOW + "],\"cursor\":2}"));
        polls.add(new Answer(200, "{\"frames\":[],\"cursor\":2}"));
        polls.add(new Answer(404, "{\"code\":\"not_found\",\"message\":\"no such session\"}"));

        Transport.Socket socket = transport.open(uri(), "tok", events).get(30, TimeUnit.SECONDS);

        assertThat(socket.kind()).isEqualTo(TransportKind.LONG_POLL);
        await("the end of the session", () -> events.log.stream().anyMatch(e -> e.startsWith("closed")));
        assertThat(events.log).containsExactly("open", "text " + READY.length() + " chars",
                "text " + SLOW.length() + " chars",
                "closed 404 slow_consumer");
        assertThat(calls).containsExactly("POST /api/poll/sessions Bearer tok", "GET " + SESSION + "?cursor=0 Bearer tok",
                "GET " + SESSION + "?cursor=1 Bearer tok", "GET " + SESSION + "?cursor=2 Bearer tok",
                "GET " + SESSION + "?cursor=2 Bearer tok");
    }

    @Test
    void framesArePostedOneAfterTheOtherInCallOrder() throws Exception {
        Transport.Socket socket = transport.open(uri(), "tok", events).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            socket.send("{\"type\":\"ping\",\"ref\":\"p" + i + "\"}");
        }
        await("20 posts", () -> calls.stream().filter(c -> c.startsWith("POST " + SESSION + "/frames")).count() == 20);

        List<String> posted = calls.stream().filter(c -> c.startsWith("POST " + SESSION + "/frames")).toList();
        for (int i = 0; i < 20; i++) {
            assertThat(posted.get(i)).endsWith("{\"type\":\"ping\",\"ref\":\"p" + i + "\"}");
        }
        socket.close();
        await("the session ended by the client", () -> calls.contains("DELETE " + SESSION + " Bearer tok"));
    }

    @Test
    void aRefusedPostFailsTheSocket() throws Exception {
        post = new Answer(413, "{\"code\":\"body_too_large\",\"message\":\"too large\"}");
        Transport.Socket socket = transport.open(uri(), "tok", events).get(30, TimeUnit.SECONDS);
        socket.send("{\"type\":\"ping\"}");

        await("an error", () -> events.log.stream().anyMatch(e -> e.startsWith("error")));
        assertThat(events.log.getLast()).contains("ProtocolException", "413");
    }

    @Test
    void aRefusedTokenIsAnUpgradeRefusalWith401() {
        open = new Answer(401, "{\"code\":\"unauthorized\",\"message\":\"bad token\"}");

        Throwable failure = catchThrowable(() -> transport.open(uri(), "bad", events).get(30, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(UpgradeRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(events.log).isEmpty();
    }
}
