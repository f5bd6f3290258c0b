package parley.it.kit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.client.ClientOptions;
import parley.client.ParleyClient;

/**
 * The common set-up of an integration test class: one embedded server with default settings for
 * the whole class, an SDK client for it, and raw HTTP for set-up and bad input.
 */
public abstract class EmbeddedServerTest {
    protected static TestServer server;
    protected static ParleyClient client;
    protected static HttpProbe http;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        client = ParleyClient.create(ClientOptions.builder(server.http()).build());
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }
}
