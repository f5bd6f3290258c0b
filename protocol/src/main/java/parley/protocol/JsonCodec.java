package parley.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * The one JSON codec of the protocol: frames and HTTP bodies to JSON and back. Strict on input
 * (no coercion of strings to numbers, no floats for integers, no nulls for numbers, no trailing
 * garbage), tolerant of unknown fields so that newer peers can add them. Every decoding failure
 * becomes a {@link ProtocolException} with a stable code. Thread-safe.
 */
public final class JsonCodec {
    private static final int MAX_NESTING_DEPTH = 32;
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final ObjectMapper mapper;
    private final ObjectReader clientReader;
    private final ObjectReader serverReader;
    private final ObjectWriter clientWriter;
    private final ObjectWriter serverWriter;

    public JsonCodec() {
        mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        clientReader = mapper.readerFor(ClientFrame.class);
        serverReader = mapper.readerFor(ServerFrame.class);
        clientWriter = mapper.writerFor(ClientFrame.class);
        serverWriter = mapper.writerFor(ServerFrame.class);
    }

    /**
     * Reads a client frame. On failure the exception carries the frame's {@code ref} when one can
     * still be read from it, so that the client can match the error to its request.
     */
    public ClientFrame decodeClient(String json) {
        try {
            ClientFrame frame = decode(clientReader, json);
            if (frame == null) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a frame is a JSON object");
            }
            return frame;
        } catch (ProtocolException e) {
            throw salvageRef(json).map(e::withRef).orElse(e);
        }
    }

    private Optional<String> salvageRef(String json) {
        try {
            JsonNode ref = mapper.readTree(json).get("ref");
            return ref != null && ref.isTextual() ? Optional.of(ref.textValue()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public ServerFrame decodeServer(String json) {
        ServerFrame frame = decode(serverReader, json);
        if (frame == null) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a frame is a JSON object");
        }
        return frame;
    }

    public String encode(ServerFrame frame) {
        return write(serverWriter, frame);
    }

    public byte[] encodeBytes(ServerFrame frame) {
        try {
            return serverWriter.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + frame.getClass().getSimpleName(), e);
        }
    }

    public String encode(ClientFrame frame) {
        return write(clientWriter, frame);
    }

    /** Reads an HTTP body into one of the protocol's records. */
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readerFor(type).readValue(json);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Reads a JSON text into one of the protocol's records. */
    public <T> T read(String json, Class<T> type) {
        return decode(mapper.readerFor(type), json);
    }

    /** Writes any protocol record (an HTTP body) as JSON. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T decode(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProtocolException translate(IOException e) {
        if (e instanceof InvalidTypeIdException typeError) {
            String id = typeError.getTypeId();
            return id == null
                    ? new ProtocolException(ErrorCode.INVALID_REQUEST, "missing field 'type'")
                    : new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + id + "'");
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return new ProtocolException(ErrorCode.BAD_JSON, "JSON over a limit: " + firstLine(limit.getOriginalMessage()));
            }
            if (cause instanceof StreamReadException read && !(cause instanceof InputCoercionException)) {
                return new ProtocolException(ErrorCode.BAD_JSON, "malformed JSON: " + firstLine(read.getOriginalMessage()));
            }
        }
        if (e instanceof DatabindException bind) {
            return new ProtocolException(ErrorCode.INVALID_REQUEST, describe(bind));
        }
        return new ProtocolException(ErrorCode.BAD_JSON, "unreadable JSON");
    }

    private static String describe(DatabindException e) {
        String path = e instanceof JsonMappingException mapping
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "";
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = cause instanceof NullPointerException npe
                ? (npe.getMessage() != null && FIELD_NAME.matcher(npe.getMessage()).matches()
                        ? "missing field '" + npe.getMessage() + "'" : "a required field is missing or null")
                : firstLine(e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage());
        return path.isEmpty() ? reason : "field '" + path + "': " + reason;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
