package parley.protocol.api;

/**
 * A long-poll session just opened ({@code POST /api/poll/sessions}): its id for the other calls and
 * the cursor of the first poll. Its first frame is {@code ready}, as on a WebSocket.
 */
public record PollSession(String sessionId, long cursor) {
}
