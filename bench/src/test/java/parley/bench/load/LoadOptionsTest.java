package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void acceptsTheDefaults() {
        LoadOptions options = options(50, LoadOptions.Mode.CLOSED, 8, 1000, 20);

        assertThat(options.senders()).isEqualTo(50);
        assertThat(options.describe()).contains("50 pairs", "closed loop, window 8", "100-byte");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> options(0, LoadOptions.Mode.OPEN, 8, 0, 9_999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--pairs must be from 1 to 1000, got 0")
                .hasMessageContaining("--rate must be from 1 to 200000, got 0")
                .hasMessageContaining("--duration must be from 1 to 600 seconds, got 9999");
    }

    @Test
    void aWindowLargerThanTheOutboxIsRefused() {
        assertThatThrownBy(() -> options(5, LoadOptions.Mode.CLOSED, 5_000, 1000, 20))
                .hasMessageContaining("--window (5000) cannot exceed --max-outbox (1000)");
    }

    private static LoadOptions options(int pairs, LoadOptions.Mode mode, int window, int rate, int seconds) {
        return new LoadOptions(URI.create("http://127.0.0.1:8080"), pairs, false, mode, window, rate, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(seconds), Duration.ofSeconds(15), 4, 4, 1000,
                Optional.empty(), Path.of("bench-result.json"));
    }
}
