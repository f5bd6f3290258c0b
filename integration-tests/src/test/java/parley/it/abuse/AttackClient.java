package parley.it.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import parley.protocol.JsonCodec;
import parley.protocol.api.ErrorResponse;

/**
 * Raw HTTP an attacker sends: any body, an optional {@code X-Forwarded-For} (the node trusts
 * 127.0.0.1 as its load balancer in tests that play many addresses), an optional client timeout
 * after which the attacker gives up and drops the connection. Answers keep the
 * {@code Retry-After} header. Thread-safe.
 */
final class AttackClient {
    private static final JsonCodec CODEC = new JsonCodec();

    /** An answer; status 0 when the client gave up (timed out) first. */
    record Answer(int status, String body, Optional<String> retryAfter) {
        ErrorResponse error() {
            return CODEC.read(body, ErrorResponse.class);
        }

        boolean gaveUp() {
            return status == 0;
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    AttackClient(URI base) {
        this.base = base;
    }

    Answer post(String path, String body, String forwardedFor, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer login(String username, String password, String forwardedFor) {
        return post("/api/login", loginBody(username, password), forwardedFor, Duration.ofSeconds(60));
    }

    static String loginBody(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"deviceName\":\"attack\"}";
    }
}
