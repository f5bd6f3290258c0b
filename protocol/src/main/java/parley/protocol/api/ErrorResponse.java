package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import parley.protocol.ErrorCode;

/** The body of every failed HTTP request. */
public record ErrorResponse(@JsonProperty(required = true) ErrorCode code, String message) {
    public ErrorResponse {
        Objects.requireNonNull(code, "code");
    }
}
