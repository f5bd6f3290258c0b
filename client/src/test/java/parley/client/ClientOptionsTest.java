package parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    @Test
    void theWebSocketUriFollowsTheBaseUri() {
        assertThat(ClientOptions.builder("http://127.0.0.1:8080").build().webSocketUri()).hasToString("ws://127.0.0.1:8080/ws");
        assertThat(ClientOptions.builder("https://chat.example.com/").build().webSocketUri()).hasToString("wss://chat.example.com/ws");
        assertThat(ClientOptions.builder("https://example.com/parley/").build().webSocketUri()).hasToString("wss://example.com/parley/ws");
    }

    @Test
    void defaultsAreSensible() {
        ClientOptions options = ClientOptions.builder("http://localhost:8080").build();
        assertThat(options.autoDeliver()).isTrue();
        assertThat(options.maxOutbox()).isPositive();
        assertThat(options.ssl()).isEmpty();
    }

    @Test
    void invalidSettingsAreRefusedWithAnActionableMessage() {
        assertThatThrownBy(() -> ClientOptions.builder("ws://localhost:8080").build()).hasMessageContaining("http://");
        assertThatThrownBy(() -> ClientOptions.builder("http://localhost").maxOutbox(0).build()).hasMessageContaining("maxOutbox");
        assertThatThrownBy(() -> ClientOptions.builder("http://localhost")
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build()).hasMessageContaining("backoffCap");
        assertThatThrownBy(() -> ClientOptions.builder("http://localhost").requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
    }
}
