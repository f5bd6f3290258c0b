package parley.it.kit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import parley.protocol.api.UploadStatus;

/**
 * Uploads over plain HTTP, step by step (create, one chunk, complete), for tests that need to see
 * every answer, to retry a step, or to stop between steps, as the SDK never would.
 */
public final class RawUploads {
    private final URI base;
    private final HttpProbe http;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RawUploads(URI base) {
        this.base = base;
        this.http = new HttpProbe(base);
    }

    /** {@code POST /api/media/uploads}: the answer as it came. */
    public HttpProbe.Answer create(String token, long size, String name, String type) {
        String body = "{\"size\":" + size + ",\"name\":\"" + name + "\"" + (type == null ? "" : ",\"type\":\"" + type
                + "\"") + "}";
        return http.call("POST", "/api/media/uploads", body, token);
    }

    /** Creates an upload of {@code bytes} and sends them as one chunk; its id (it is not completed). */
    public String send(String token, byte[] bytes, String name, String type) {
        HttpProbe.Answer created = create(token, bytes.length, name, type);
        if (created.status() != 201) {
            throw new IllegalStateException("upload refused: " + created);
        }
        String id = created.as(UploadStatus.class).uploadId();
        HttpProbe.Answer chunk = put(token, id, 0, bytes);
        if (chunk.status() != 200) {
            throw new IllegalStateException("chunk refused: " + chunk);
        }
        return id;
    }

    /** {@code PUT /api/media/uploads/{id}?offset=N} with {@code bytes}. */
    public HttpProbe.Answer put(String token, String uploadId, long offset, byte[] bytes) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/media/uploads/" + uploadId + "?offset=" + offset))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpProbe.Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /api/media/uploads/{id}/complete}: the answer as it came. */
    public HttpProbe.Answer complete(String token, String uploadId) {
        return http.call("POST", "/api/media/uploads/" + uploadId + "/complete", null, token);
    }

    /** {@code DELETE /api/media/uploads/{id}}. */
    public HttpProbe.Answer cancel(String token, String uploadId) {
        return http.call("DELETE", "/api/media/uploads/" + uploadId, null, token);
    }
}
