package parley.server.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * An HTTP API request, independent of Netty: method, path, query, body, bearer token, and the
 * client's address (for limits per address; see {@code ClientAddresses}).
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, byte[] body,
                         Optional<String> bearerToken, String clientAddress) {

    public ApiRequest {
        query = Map.copyOf(query);
    }

    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public Long longParam(String name) {
        return param(name).map(raw -> parseLong(name, raw)).orElse(null);
    }

    public Integer intParam(String name) {
        return param(name).map(raw -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parseLong(name, raw))))
                .orElse(null);
    }

    private static long parseLong(String name, String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "query parameter '" + name + "' must be a whole number");
        }
    }
}
