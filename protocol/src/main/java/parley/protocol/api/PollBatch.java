package parley.protocol.api;

import java.util.List;
import parley.protocol.frame.ServerFrame;

/**
 * The answer to a long poll ({@code GET /api/poll/sessions/{id}?cursor=N}): the server frames after
 * the cursor, in order (possibly none, when the poll was held its full time), and the cursor to poll
 * with next.
 */
public record PollBatch(List<ServerFrame> frames, long cursor) {
    public PollBatch {
        frames = List.copyOf(frames);
    }
}
