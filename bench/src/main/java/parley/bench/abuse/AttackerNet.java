package parley.bench.abuse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import parley.protocol.JsonCodec;
import parley.protocol.api.ErrorResponse;

/**
 * The attacker's ways onto the network, all from one local address (127.0.0.2 by default) towards
 * the node on the loopback: HTTP calls through its own {@link HttpClient}, and raw TCP sockets for
 * the attacks no well-behaved client library would make (pipelining without reading, dribbling a
 * body). The bystander connects from another address, as a different user on another network
 * would, so limits per address fall on the attacker alone. One per attack; closing it drops its
 * connections. Thread-safe.
 */
final class AttackerNet implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI server;
    private final InetSocketAddress target;
    private final InetAddress source;
    private final HttpClient http;
    private final JsonCodec codec = new JsonCodec();

    AttackerNet(URI server, InetAddress source) {
        this.server = server;
        this.target = new InetSocketAddress(server.getHost(), server.getPort() > 0 ? server.getPort() : 80);
        this.source = source;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(source)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** {@code host:port} for a Host header. */
    String hostHeader() {
        return server.getHost() + ":" + target.getPort();
    }

    JsonCodec codec() {
        return codec;
    }

    /** One request; never throws: a failure is an answer with status 0. */
    HttpAnswer call(String method, String path, String token, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null && !path.startsWith("/api/media/uploads/")) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpAnswer(response.statusCode(), label(response), response.body());
        } catch (IOException e) {
            return HttpAnswer.none(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpAnswer.none(e);
        }
    }

    HttpAnswer json(String method, String path, String token, Object body, Duration timeout) {
        return call(method, path, token, body == null ? null : codec.write(body), timeout);
    }

    /** A TCP connection to the node from the attacker's address, connected and blocking. */
    SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(source, 0));
            channel.socket().connect(target, (int) CONNECT_TIMEOUT.toMillis());
            channel.socket().setTcpNoDelay(true);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** An HTTP/1.1 request head, ending with the blank line. */
    String head(String method, String path, String token, long contentLength, String contentType) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader()).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private String label(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return String.valueOf(status);
        }
        return status + code(response.body());
    }

    /** " code" of a JSON error body, or "" when the body is not one. */
    String code(byte[] body) {
        try {
            return " " + codec.read(body, ErrorResponse.class).code().wire();
        } catch (RuntimeException notAnError) {
            return "";
        }
    }

    static String ascii(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
