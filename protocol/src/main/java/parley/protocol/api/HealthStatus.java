package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer of {@code /healthz}, {@code /livez} and {@code /readyz}: {@code ok}, {@code ready},
 * {@code draining} or {@code failing}, and with {@code failing} what is wrong, part by part.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthStatus(String status, List<String> problems) {
    public HealthStatus {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
