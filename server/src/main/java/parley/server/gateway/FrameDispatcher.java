package parley.server.gateway;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;
import parley.server.limits.ConnectionBudget;

/**
 * Hands the decoded frames of one authenticated session to the chat core, whatever transport
 * carried them (a WebSocket or long-poll POSTs): sends and receipts only enqueue, reads go to the
 * blocking pool, and every answer goes back through the session. Every frame but a ping counts
 * against the session's {@link ConnectionBudget} while its work is in flight, and sends against
 * its rates: past them, {@link #dispatchOrWait} has the frame wait (through the session's
 * {@link FramePacer}) instead of refusing it. Not thread-safe:
 * the caller dispatches one frame at a time, in arrival order, on the thread that owns the
 * session's {@link ConnectionPresence}.
 */
final class FrameDispatcher implements FramePacer.Dispatch {
    private final SessionServices services;
    private final Session session;
    private final ConnectionPresence presence;
    private final ConnectionBudget budget;

    FrameDispatcher(SessionServices services, Session session, ConnectionPresence presence) {
        this.services = services;
        this.session = session;
        this.presence = presence;
        this.budget = services.sendLimits().connection(session.device().userId());
    }

    /**
     * Dispatches one frame, unless it is a send over the connection's or its user's rate: then
     * nothing is done and the answer is how many milliseconds to wait before offering it again
     * (0: dispatched). For transports that pace a client rather than refuse it ({@link FramePacer}).
     */
    @Override
    public long dispatchOrWait(ClientFrame frame) {
        if (frame instanceof ClientFrame.Send) {
            try {
                budget.takeSend();
            } catch (ProtocolException e) {
                if (e.code() == ErrorCode.RATE_LIMITED) {
                    return Math.max(1, e.retryAfterMillis().orElse(1L));
                }
                session.send(ErrorMapper.frame(e, frame.ref()));
                return 0;
            }
        }
        try {
            route(frame);
        } catch (RuntimeException e) {
            session.send(ErrorMapper.frame(e, frame.ref()));
        }
        return 0;
    }

    /** True when the session has its cap of requests in flight: the next frame would be refused. */
    @Override
    public boolean full() {
        return budget.full();
    }

    /** Runs {@code wake} (on any thread) once the session is no longer full. */
    @Override
    public void awaitRoom(Runnable wake) {
        budget.awaitRoom(wake);
    }

    /** Routes a frame whose place in the send rates, if a send, was taken. */
    private void route(ClientFrame frame) {
        AuthenticatedDevice me = session.device();
        switch (frame) {
            case ClientFrame.Send send -> inFlight(done -> services.messaging().send(me, send, session, done));
            case ClientFrame.Receipt receipt -> inFlight(done -> services.messaging().receipt(me, receipt, session, done));
            case ClientFrame.Sync sync -> query(sync.ref(), () -> services.queries().sync(me.userId(), sync));
            case ClientFrame.History h -> query(h.ref(), () -> new ServerFrame.History(h.ref(),
                    services.queries().history(me.userId(), h.chatId(), h.before(), h.after(), h.limit())));
            case ClientFrame.OpenChat open -> query(open.ref(), () -> new ServerFrame.Chat(open.ref(),
                    services.queries().openDirect(me.userId(), open.username())));
            case ClientFrame.ListChats list -> query(list.ref(), () -> new ServerFrame.Chats(list.ref(),
                    services.queries().listChats(me.userId(), list.before(), list.limit())));
            case ClientFrame.Ping ping -> {
                if (presence.ping()) {
                    session.send(new ServerFrame.Pong(ping.ref()));
                }
            }
            case ClientFrame.Typing typing -> {
                if (services.typing().admit(me.userId())) { // over the rate: dropped here, before any pool
                    background(typing.ref(), () -> services.typing().relay(me.userId(), typing.chatId(), typing.typing()));
                }
            }
            case ClientFrame.Auth ignored ->
                    throw new ProtocolException(ErrorCode.INVALID_REQUEST, "this connection is already authenticated");
        }
    }

    /** Starts work that ends by running the given action, counted in flight until then. */
    private void inFlight(Consumer<Runnable> work) {
        Runnable done = budget.begin();
        try {
            work.accept(done);
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
    }

    /** Runs a read on the blocking pool and answers with its frame, or with an error. */
    private void query(String ref, Supplier<ServerFrame> read) {
        inFlight(done -> {
            try {
                services.blocking().execute(() -> {
                    try {
                        ServerFrame answer = read.get();
                        if (answer != null) {
                            session.send(answer);
                        }
                    } catch (RuntimeException e) {
                        session.send(ErrorMapper.frame(e, ref));
                    } finally {
                        done.run();
                    }
                });
            } catch (RejectedExecutionException e) {
                done.run();
                session.send(ErrorMapper.frame(e, ref));
            }
        });
    }

    /** Runs work that answers nothing on the blocking pool; a failure is answered with an error. */
    private void background(String ref, Runnable work) {
        query(ref, () -> {
            work.run();
            return null;
        });
    }
}
