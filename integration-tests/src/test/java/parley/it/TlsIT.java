package parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.TestCertificates;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.api.LoginResponse;

/** Given a certificate and key, the server speaks HTTPS and WSS only, with TLS 1.2 or newer. */
class TlsIT {
    @TempDir
    Path dir;

    @Test
    void chatsOverHttpsAndWssAndRefusesPlainHttp() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        try (TestServer server = TestServer.start(Map.of("gateway.tls.certificate", certs.certificate().toString(),
                "gateway.tls.private-key", certs.privateKey().toString()));
             ParleyClient client = ParleyClient.create(ClientOptions.builder(server.http())
                     .sslContext(certs.clientContext()).build())) {
            assertThat(server.http().getScheme()).isEqualTo("https");

            client.http().register("tls_alice", "correct horse battery");
            client.http().register("tls_bob", "correct horse battery");
            LoginResponse alice = client.http().login("tls_alice", "correct horse battery", "laptop");
            LoginResponse bob = client.http().login("tls_bob", "correct horse battery", "laptop");
            try (TestDevice a = TestDevice.connect(client, alice); TestDevice b = TestDevice.connect(client, bob)) {
                long chat = a.connection().openChat("tls_bob").get(30, TimeUnit.SECONDS).chatId();
                a.connection().send(chat, "over TLS").get(30, TimeUnit.SECONDS);
                assertThat(b.awaitMessages(chat, 1).getFirst().text()).isEqualTo("over TLS");
            }

            HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(server.http().resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.sslSession()).hasValueSatisfying(
                    s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));

            URI plain = URI.create("http://127.0.0.1:" + server.port() + "/healthz");
            HttpClient cleartext = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> cleartext.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }
}
