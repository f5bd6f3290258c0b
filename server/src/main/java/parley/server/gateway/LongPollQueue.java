package parley.server.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

/**
 * The outbound frames of one long-poll session, numbered 1, 2, 3... in the order they were
 * offered. The client's cursor is the number of the last frame it has received: taking with a
 * cursor drops every frame up to it (they arrived) and returns the rest, so a poll whose answer
 * was lost is simply repeated with the same cursor. Bounded in bytes: an offer past the bound is
 * refused (the caller ends the session as a slow consumer). After {@link #finish} only the final
 * frame is left and nothing more is accepted.
 *
 * <p>Not thread-safe: its {@link LongPollSession} guards it.
 */
final class LongPollQueue {
    /** Frames after the cursor, and the cursor to poll with next (the number of the last one). */
    record Batch(List<byte[]> frames, long cursor) {
    }

    private final long maxBytes;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    /** The number of the first frame in {@link #frames}. */
    private long first = 1;
    /** The highest cursor polled with: frames up to it were received. */
    private long acked;
    private long bytes;
    private boolean finished;

    LongPollQueue(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Appends a frame; false when it would pass the bound (nothing is appended) or after finish. */
    boolean offer(byte[] frame) {
        if (finished || bytes + frame.length > maxBytes) {
            return false;
        }
        frames.addLast(frame);
        bytes += frame.length;
        return true;
    }

    /** Drops every waiting frame and appends this last one; nothing is accepted afterwards. */
    void finish(byte[] lastFrame) {
        first += frames.size();
        frames.clear();
        frames.addLast(lastFrame);
        bytes = lastFrame.length;
        finished = true;
    }

    /**
     * Drops the frames up to {@code cursor} and returns those after it.
     *
     * @throws ProtocolException {@code invalid_request} for a cursor past the last frame, or one
     *                           below the cursor of an earlier poll (those frames are gone)
     */
    Batch take(long cursor) {
        long last = first + frames.size() - 1;
        if (cursor > last || cursor < acked) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST,
                    "cursor " + cursor + " is not between " + acked + " and " + last);
        }
        acked = cursor;
        while (first <= cursor) {
            bytes -= frames.removeFirst().length;
            first++;
        }
        return new Batch(new ArrayList<>(frames), last);
    }

    /** True once finished and the final frame was received by the client. */
    boolean drained() {
        return finished && frames.isEmpty();
    }

    boolean isFinished() {
        return finished;
    }

    long pendingBytes() {
        return bytes;
    }
}
