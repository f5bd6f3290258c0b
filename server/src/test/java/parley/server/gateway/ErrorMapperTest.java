package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.store.StorageException;

class ErrorMapperTest {

    private static final class DatabaseDown extends StorageException {
        DatabaseDown() {
            super("connection refused", null);
        }
    }

    @Test
    void aDatabaseFailureIsUnavailableAndSaysNothingHappened() {
        ProtocolException mapped = ErrorMapper.toProtocol(new CompletionException(new DatabaseDown()));
        assertThat(mapped.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(mapped.getMessage()).contains("nothing was done").doesNotContain("connection refused");
    }

    @Test
    void protocolErrorsKeepTheirCodeAndFullQueuesAreOverloadAndBugsAreInternal() {
        assertThat(ErrorMapper.toProtocol(new ProtocolException(ErrorCode.GROUP_FULL, "full")).code())
                .isEqualTo(ErrorCode.GROUP_FULL);
        assertThat(ErrorMapper.toProtocol(new RejectedExecutionException()).code()).isEqualTo(ErrorCode.OVERLOADED);
        ProtocolException bug = ErrorMapper.toProtocol(new IllegalStateException("secret detail"));
        assertThat(bug.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(bug.getMessage()).doesNotContain("secret");
    }
}
