package parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stable, machine-readable error codes of the protocol. Clients branch on {@link #wire()};
 * the human message next to it may change at any time. Each code carries the HTTP status it is
 * answered with on the JSON API; on a WebSocket it travels in an {@code error} frame and, when
 * the server closes the connection because of it, as the close reason.
 */
public enum ErrorCode {
    BAD_JSON("bad_json", 400),
    UNKNOWN_TYPE("unknown_type", 400),
    INVALID_REQUEST("invalid_request", 400),
    FRAME_TOO_LARGE("frame_too_large", 413),
    TEXT_TOO_LONG("text_too_long", 413),
    BODY_TOO_LARGE("body_too_large", 413),
    NOT_FOUND("not_found", 404),
    SEQ_OUT_OF_RANGE("seq_out_of_range", 400),
    UNAUTHORIZED("unauthorized", 401),
    INVALID_CREDENTIALS("invalid_credentials", 401),
    FORBIDDEN_ORIGIN("forbidden_origin", 403),
    UNSUPPORTED_PROTOCOL("unsupported_protocol", 400),
    USERNAME_TAKEN("username_taken", 409),
    INVALID_USERNAME("invalid_username", 400),
    WEAK_PASSWORD("weak_password", 400),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    RATE_LIMITED("rate_limited", 429),
    QUOTA_EXCEEDED("quota_exceeded", 403),
    OVERLOADED("overloaded", 503),
    UNAVAILABLE("unavailable", 503),
    SLOW_CONSUMER("slow_consumer", 503),
    SESSION_REVOKED("session_revoked", 401),
    IDLE_TIMEOUT("idle_timeout", 408),
    SHUTTING_DOWN("shutting_down", 503),
    FORBIDDEN("forbidden", 403),
    UNKNOWN_USER("unknown_user", 404),
    ALREADY_MEMBER("already_member", 409),
    NOT_MEMBER("not_member", 409),
    GROUP_FULL("group_full", 409),
    INVALID_TITLE("invalid_title", 400),
    FILE_TOO_LARGE("file_too_large", 413),
    WRONG_OFFSET("wrong_offset", 409),
    UPLOAD_INCOMPLETE("upload_incomplete", 409),
    TOO_MANY_UPLOADS("too_many_uploads", 429),
    LENGTH_REQUIRED("length_required", 411),
    MEDIA_TYPE_MISMATCH("media_type_mismatch", 415),
    INVALID_MEDIA("invalid_media", 422),
    IMAGE_TOO_LARGE("image_too_large", 422),
    RANGE_NOT_SATISFIABLE("range_not_satisfiable", 416),
    INTERNAL("internal", 500);

    private static final Map<String, ErrorCode> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @JsonCreator
    public static ErrorCode fromWire(String wire) {
        ErrorCode code = BY_WIRE.get(wire);
        if (code == null) {
            throw new IllegalArgumentException("unknown error code: " + wire);
        }
        return code;
    }
}
