package parley.server.gateway;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.ErrorResponse;
import parley.protocol.frame.ServerFrame;
import parley.server.store.StorageException;

/**
 * The one place that turns failures into what clients see: a {@link ProtocolException} keeps its
 * code and message; a database failure is {@code unavailable} (nothing happened; retry); anything
 * else is a bug, logged here and answered as {@code internal} without details.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static ProtocolException toProtocol(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProtocolException protocol) {
            return protocol;
        }
        if (cause instanceof RejectedExecutionException) {
            return new ProtocolException(ErrorCode.OVERLOADED, "the server is overloaded; retry later");
        }
        if (cause instanceof StorageException) {
            LOG.warn("the database failed a request: {}", cause.getMessage());
            return new ProtocolException(ErrorCode.UNAVAILABLE, "the database is unavailable; nothing was done; retry later");
        }
        LOG.error("request failed", cause);
        return new ProtocolException(ErrorCode.INTERNAL, "internal error");
    }

    public static ServerFrame.Error frame(Throwable failure, String ref) {
        ProtocolException e = toProtocol(failure);
        return new ServerFrame.Error(e.ref().orElse(ref), e.code(), e.getMessage(), e.retryAfterMillis().orElse(null));
    }

    public static ErrorResponse body(ProtocolException e) {
        return new ErrorResponse(e.code(), e.getMessage(), e.retryAfterMillis().orElse(null));
    }
}
