package parley.server.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that decides whether a connection reads from its socket. Several stages have a
 * reason to stop reading (the output is backed up, a request is being answered, an upload's body
 * waits for the blob store, a session is being set up); each pauses and resumes with its own
 * {@link Reason}, and the connection reads only while no reason is left. Stages must not flip
 * {@code autoRead} themselves: one stage resuming would undo another's pause.
 *
 * <p>Besides turning {@code autoRead} off, the gate swallows explicit {@code read()} requests while
 * paused: some of Netty's handlers ask for one more read when {@code autoRead} is off (the WebSocket
 * protocol handler does after every ping it answers), which would let a flood through.
 *
 * <p>Sits first in the pipeline (nearest the socket) so that every read request passes it.
 * Confined to the channel's event loop: {@link #pause} and {@link #resume} hop onto it when called
 * from elsewhere.
 */
public final class ReadGate extends ChannelDuplexHandler {
    /** Why a connection stopped reading. */
    public enum Reason {
        /** Its output is not writable: the client does not read what it is sent. */
        OUTPUT_BACKLOG,
        /** A request was received and its answer is not yet written. */
        REQUEST_IN_FLIGHT,
        /** An upload's body waits for the blob store to take what was read. */
        BODY_BACKLOG,
        /** A session is being authenticated or subscribed. */
        SESSION_SETUP,
        /** The session's frames wait: requests in flight at the cap, or sends over the rate. */
        PACED,
        /** The connection is refused and only waits to be closed. */
        REFUSED
    }

    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Stops reading for this reason (until {@link #resume} with the same reason). */
    public static void pause(Channel channel, Reason reason) {
        ReadGate gate = channel.pipeline().get(ReadGate.class);
        if (gate == null) {
            onLoop(channel, () -> channel.config().setAutoRead(false));
        } else {
            onLoop(channel, () -> gate.pause(reason));
        }
    }

    /** Lifts this reason; the connection reads again once no reason is left. */
    public static void resume(Channel channel, Reason reason) {
        ReadGate gate = channel.pipeline().get(ReadGate.class);
        if (gate == null) {
            onLoop(channel, () -> channel.config().setAutoRead(true));
        } else {
            onLoop(channel, () -> gate.resume(reason));
        }
    }

    /**
     * Whether the server holds the connection's reading for its own reasons (pacing, a request being
     * answered, a body waiting for the blob store, set-up): a silence then is not the client's. Not
     * for {@link Reason#OUTPUT_BACKLOG} alone: that one is the client's, which does not read. Event
     * loop only.
     */
    public static boolean isHeldByServer(Channel channel) {
        ReadGate gate = channel.pipeline().get(ReadGate.class);
        return gate != null && gate.reasons.stream().anyMatch(reason -> reason != Reason.OUTPUT_BACKLOG);
    }

    /** Whether this reason currently holds the connection's reading. Event loop only. */
    public static boolean isPausedFor(Channel channel, Reason reason) {
        ReadGate gate = channel.pipeline().get(ReadGate.class);
        return gate != null && gate.reasons.contains(reason);
    }

    void pause(Reason reason) {
        if (reasons.add(reason) && reasons.size() == 1) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    void resume(Reason reason) {
        if (reasons.remove(reason) && reasons.isEmpty() && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true); // this also asks for a read
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (reasons.isEmpty()) {
            ctx.read();
        }
    }

    private static void onLoop(Channel channel, Runnable action) {
        if (channel.eventLoop().inEventLoop()) {
            action.run();
        } else {
            channel.eventLoop().execute(action);
        }
    }
}
