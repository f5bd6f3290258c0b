package parley.bench.load;

import java.util.UUID;

/** Where a send's ack is recorded, to judge the chat at the end of the run. Thread-safe. */
public interface AckSink {

    /** The server acked message {@code clientMsgId} of {@code senderId} with {@code seq}. */
    void acked(UUID clientMsgId, long senderId, long seq);
}
