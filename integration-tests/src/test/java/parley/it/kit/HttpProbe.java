package parley.it.kit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import parley.protocol.JsonCodec;
import parley.protocol.api.ErrorResponse;
import parley.protocol.api.LoginResponse;

/**
 * Raw HTTP calls to the JSON API, for tests that send what the SDK never would (broken bodies,
 * wrong methods) and for quick set-up (a registered, logged-in user).
 */
public final class HttpProbe {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final String PASSWORD = "correct horse battery";

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: the status and the body as text. */
    public record Answer(int status, String body) {
        public ErrorResponse error() {
            return CODEC.read(body, ErrorResponse.class);
        }

        public <T> T as(Class<T> type) {
            return CODEC.read(body, type);
        }
    }

    public HttpProbe(URI base) {
        this.base = base;
    }

    public Answer call(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer post(String path, String body) {
        return call("POST", path, body, null);
    }

    /** Registers a user with a unique name starting with {@code prefix} and logs one device in. */
    public LoginResponse newUser(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Answer registered = post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered);
        }
        return login(name, "test device");
    }

    /** Logs in another device of an existing test user. */
    public LoginResponse login(String username, String device) {
        Answer login = post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"deviceName\":\"" + device + "\"}");
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return login.as(LoginResponse.class);
    }

    /** Opens the direct chat of {@code token}'s user with {@code username}; returns its id. */
    public long openChat(String token, String username) {
        Answer answer = call("POST", "/api/chats/direct", "{\"username\":\"" + username + "\"}", token);
        if (answer.status() != 200) {
            throw new IllegalStateException("open chat failed: " + answer);
        }
        return answer.as(parley.protocol.model.ChatSummary.class).chatId();
    }
}
