package parley.client;

import java.net.http.HttpClient;
import java.time.Duration;
import parley.client.connection.JdkWebSocketTransport;
import parley.client.connection.LongPollTransport;
import parley.client.connection.ParleyConnection;
import parley.client.connection.Transport;
import parley.client.http.ParleyHttp;
import parley.client.http.ParleyMedia;
import parley.client.outbox.InMemoryOutbox;
import parley.client.outbox.Outbox;
import parley.protocol.JsonCodec;

/**
 * The entry point of the Java SDK: one per server, shared by any number of users and
 * connections (they share one JDK {@link HttpClient}). Thread-safe.
 *
 * <pre>{@code
 * try (ParleyClient client = ParleyClient.create(ClientOptions.builder("http://127.0.0.1:8080").build())) {
 *     client.http().register("alice", "correct horse battery");
 *     LoginResponse login = client.http().login("alice", "correct horse battery", "laptop");
 *     ParleyConnection conn = client.newConnection();
 *     conn.connect(login.token(), new ConnectionListener() {
 *         public void onMessage(ChatMessage m) { inbox.add(m); }
 *     }).get(10, SECONDS);                                   // ready and resynced
 *     ChatSummary chat = conn.openChat("bob").get(10, SECONDS);
 *     ServerFrame.Ack ack = conn.send(chat.chatId(), "hi bob").get(10, SECONDS);
 *     conn.close();
 * }
 * }</pre>
 */
public final class ParleyClient implements AutoCloseable {
    /** Longest message from the server the SDK accepts (a guard; the server's own limit is lower). */
    private static final int MAX_SERVER_MESSAGE_CHARS = 16 * 1024 * 1024;
    /** Above the server's longest held poll (25 s by default). */
    private static final Duration LONG_POLL_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ClientOptions options;
    private final HttpClient httpClient;
    private final JsonCodec codec = new JsonCodec();
    private final ParleyHttp http;
    private final ParleyMedia media;

    private ParleyClient(ClientOptions options) {
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        options.ssl().ifPresent(builder::sslContext);
        this.httpClient = builder.build();
        this.http = new ParleyHttp(httpClient, options.baseUri(), options.requestTimeout(), codec);
        this.media = new ParleyMedia(httpClient, options.baseUri(), options.requestTimeout(), http, codec);
    }

    public static ParleyClient create(ClientOptions options) {
        return new ParleyClient(options);
    }

    /** The JSON API: register, login, logout, devices, chats, history. */
    /** Media: resumable uploads, downloads with ranges, thumbnails. */
    public ParleyMedia media() {
        return media;
    }

    public ParleyHttp http() {
        return http;
    }

    public ClientOptions options() {
        return options;
    }

    /** A new, not yet connected, real-time connection with an in-memory outbox of {@code maxOutbox}. */
    public ParleyConnection newConnection() {
        return newConnection(new InMemoryOutbox(options.maxOutbox()));
    }

    /** A new connection with the given outbox (e.g. a persistent one). */
    public ParleyConnection newConnection(Outbox outbox) {
        Transport transport = new JdkWebSocketTransport(httpClient, options.connectTimeout(),
                options.maxQueuedFrames(), MAX_SERVER_MESSAGE_CHARS);
        return new ParleyConnection(options, transport, outbox, codec);
    }

    /**
     * A new connection over HTTP long polling instead of a WebSocket, for networks that block
     * WebSockets: the same frames, promises and reconnects.
     */
    public ParleyConnection newLongPollConnection() {
        Transport transport = new LongPollTransport(httpClient, LONG_POLL_REQUEST_TIMEOUT);
        return new ParleyConnection(options, transport, new InMemoryOutbox(options.maxOutbox()), codec);
    }

    /** Releases the HTTP client. Connections should be closed first. */
    @Override
    public void close() {
        httpClient.shutdownNow();
    }
}
