package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import parley.protocol.ErrorCode;

/**
 * The body of every failed HTTP request. {@code retryAfterMs}, present with {@code rate_limited}
 * (and some {@code overloaded} answers), is how long to wait before trying again; the response's
 * {@code Retry-After} header says the same in whole seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(@JsonProperty(required = true) ErrorCode code, String message, Long retryAfterMs) {
    public ErrorResponse {
        Objects.requireNonNull(code, "code");
    }

    public ErrorResponse(ErrorCode code, String message) {
        this(code, message, null);
    }
}
