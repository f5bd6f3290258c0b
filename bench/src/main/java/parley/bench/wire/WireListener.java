package parley.bench.wire;

import parley.protocol.frame.ServerFrame;

/**
 * What a {@link WireSession} reports. Called on the session's event-loop thread (one thread per
 * session, shared with other sessions): keep it short and never block.
 */
public interface WireListener {

    /** The server's {@code ready}: the session is authenticated; heartbeats have started. */
    default void ready(WireSession session, ServerFrame.Ready ready) {
    }

    /** Any frame after {@code ready} (pongs included). */
    default void frame(WireSession session, ServerFrame frame) {
    }

    /** The connection ended (by either side), or never opened. Called once. */
    default void closed(WireSession session, String why) {
    }
}
