package parley.it.kit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import parley.client.ClientOptions;
import parley.client.ParleyClient;

/**
 * The common set-up of an integration test class: one embedded server with default settings for
 * the whole class (but for those of the class's {@link ServerSettings}), an SDK client for it, and
 * raw HTTP for set-up and bad input.
 */
public abstract class EmbeddedServerTest {
    protected static TestServer server;
    protected static ParleyClient client;
    protected static HttpProbe http;

    @BeforeAll
    static void startServer(TestInfo test) {
        java.util.Map<String, String> settings = new java.util.HashMap<>();
        test.getTestClass().map(type -> type.getAnnotation(ServerSettings.class)).ifPresent(annotation -> {
            for (String setting : annotation.value()) {
                int equals = setting.indexOf('=');
                settings.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
            }
        });
        server = TestServer.start(settings);
        client = ParleyClient.create(ClientOptions.builder(server.http()).build());
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }
}
