package parley.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.client.ParleyException;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.api.LoginRequest;

/** Against a stand-in server on the loopback interface (no external network). */
class ParleyHttpTest {
    private final JsonCodec codec = new JsonCodec();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private HttpClient client;
    private ParleyHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        http = new ParleyHttp(client, base, Duration.ofSeconds(5), codec);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        client.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth + " " + body);
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/api/register" -> reply(exchange, 201, "{\"userId\":7,\"username\":\"alice\"}");
            case "/api/login" -> {
                LoginRequest login = codec.read(body, LoginRequest.class);
                if (login.password().equals("right")) {
                    reply(exchange, 200, "{\"token\":\"t0k\",\"userId\":7,\"username\":\"alice\",\"deviceId\":3}");
                } else {
                    reply(exchange, 401, "{\"code\":\"invalid_credentials\",\"message\":\"wrong username or password\"}");
                }
            }
            case "/api/logout" -> reply(exchange, 204, null);
            case "/api/me" -> reply(exchange, 401, "{\"code\":\"unauthorized\",\"message\":\"bad token\"}");
            case "/api/chats" -> reply(exchange, 200, "{\"chats\":[],\"next\":null}");
            case "/api/chats/5/messages" -> reply(exchange, 200, "{\"chatId\":5,\"messages\":[],\"more\":false}");
            default -> reply(exchange, 502, "<html>bad gateway</html>");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void registersAndLogsIn() {
        assertThat(http.register("alice", "right").userId()).isEqualTo(7);
        var login = http.login("alice", "right", "laptop");
        assertThat(login.token()).isEqualTo("t0k");
        assertThat(login.deviceId()).isEqualTo(3);
        assertThat(seen.get(1)).contains("POST /api/login null").contains("\"deviceName\":\"laptop\"");
    }

    @Test
    void refusalsCarryTheCodeAndStatus() {
        assertThatThrownBy(() -> http.login("alice", "wrong"))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("wrong username or password");
                });
        assertThatThrownBy(() -> http.me("stale"))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void aBodyThatIsNotAnErrorResponseStillGivesACode() {
        assertThatThrownBy(() -> http.devices("t0k"))
                .isInstanceOfSatisfying(ParleyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                    assertThat(e.httpStatus()).isEqualTo(502);
                });
    }

    @Test
    void authenticatedCallsSendTheBearerTokenAndQueryParameters() {
        http.logout("t0k");
        http.chats("t0k", "a b&c", 5);
        http.history("t0k", 5, null, 10L, 50);
        assertThat(seen).containsExactly(
                "POST /api/logout Bearer t0k ",
                "GET /api/chats?before=a+b%26c&limit=5 Bearer t0k ",
                "GET /api/chats/5/messages?after=10&limit=50 Bearer t0k ");
    }

    @Test
    void queryLeavesOutAbsentValues() {
        assertThat(ParleyHttp.query("before", null, "limit", null)).isEmpty();
        assertThat(ParleyHttp.query("before", 3L, "after", null, "limit", 9)).isEqualTo("?before=3&limit=9");
    }
}
