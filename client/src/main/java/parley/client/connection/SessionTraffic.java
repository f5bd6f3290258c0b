package parley.client.connection;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import parley.client.ConnectionLostException;
import parley.client.ParleyException;
import parley.client.inbox.Inbox;
import parley.client.inbox.InboxStep;
import parley.client.inbox.ReceiptQueue;
import parley.client.outbox.PendingSend;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;
import parley.protocol.model.Limits;
import parley.protocol.model.ReceiptKind;

/**
 * What flows over a connection's ready socket: sends from the outbox, the application's
 * requests and receipts going out; acks, pushes, watermarks, answers and errors coming in and
 * routed to their futures, the {@link Inbox} or the listener.
 *
 * <p>Between sockets ({@link #detach}) it keeps what waits (the outbox, unsent requests,
 * receipts) and sends nothing; {@link #attach} hands it a ready socket, and it sends everything
 * waiting, in order, then starts the resync. Requests already sent when a socket drops fail with
 * {@link ConnectionLostException}; sends stay in the outbox and go again.
 *
 * <p>Concurrency: confined to the connection's I/O thread, like {@link ConnectionLoop}, which
 * owns it. Futures complete and listener calls happen on the {@link CallbackThread}.
 */
final class SessionTraffic {
    private static final System.Logger LOG = System.getLogger(SessionTraffic.class.getName());
    /** Send errors that mean "nothing stored, try again later": the send is retried, not failed. */
    private static final Set<ErrorCode> RETRYABLE = EnumSet.of(ErrorCode.OVERLOADED, ErrorCode.UNAVAILABLE,
            ErrorCode.SHUTTING_DOWN, ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED);
    private static final Duration SEND_RETRY_DELAY = Duration.ofMillis(500);

    /** What the traffic reports to the socket's owner. */
    interface Lifecycle {
        /** The resync after ready has completed. */
        void resynced();

        /** The resync failed: the socket should be dropped and the connection retried. */
        void resyncFailed();

        /** The server announced why it is about to close (an error without ref). */
        void closing(ErrorCode code);
    }

    private final JsonCodec codec;
    private final ScheduledExecutorService io;
    private final CallbackThread callbacks;
    private final SendTracker sends;
    private final PendingRequests requests;
    private final Inbox inbox;
    private final ReceiptQueue receipts = new ReceiptQueue();
    private final Duration requestTimeout;
    private final boolean autoDeliver;
    private final Lifecycle lifecycle;

    private Transport.Socket socket;
    private Limits limits;
    private boolean closed;
    private boolean receiptFlushQueued;
    private long nextRef;
    private long typings;

    SessionTraffic(ConnectionSetup setup, ScheduledExecutorService io, CallbackThread callbacks,
                   SendTracker sends, Inbox inbox, Lifecycle lifecycle) {
        this.codec = setup.codec();
        this.requestTimeout = setup.requestTimeout();
        this.autoDeliver = setup.autoDeliver();
        this.requests = new PendingRequests(setup.maxPendingRequests());
        this.io = io;
        this.callbacks = callbacks;
        this.sends = sends;
        this.inbox = inbox;
        this.lifecycle = lifecycle;
    }

    /** A socket is ready: sends what waits (outbox first, in order), starts the resync. */
    void attach(Transport.Socket readySocket, ServerFrame.Ready ready) {
        socket = readySocket;
        limits = ready.limits();
        receipts.socketReady();
        flushSends();
        inbox.identify(ready.userId());
        apply(inbox.start());
        flushRequests();
        flushReceipts();
    }

    /** The socket is gone: answers in flight will never come. */
    void detach() {
        socket = null;
        limits = null;
        inbox.disconnected();
        sends.socketChanged();
        receipts.socketDropped();
        ConnectionLostException lost = new ConnectionLostException("connection dropped before the answer came");
        requests.removeSent().forEach(r -> r.fail(lost, callbacks));
    }

    /** Closed for good: every request and every send future fails with {@code failure}. */
    void close(RuntimeException failure) {
        detach();
        closed = true;
        requests.removeAll().forEach(r -> r.fail(failure, callbacks));
        sends.abandon().forEach(f -> callbacks.fail(f, failure));
    }

    // ---- outbound ----

    /** Sends what the outbox holds that has not gone out on this socket yet. */
    void flushSends() {
        if (closed) {
            ConnectionLostException lost = new ConnectionLostException("connection closed");
            sends.abandon().forEach(f -> callbacks.fail(f, lost));
            return;
        }
        if (socket == null) {
            return;
        }
        for (PendingSend send : sends.takeUnsent()) {
            String json = codec.encode(new ClientFrame.Send(send.clientMsgId(), send.chatId(), send.text(), send.mediaId()));
            ParleyException tooLarge = overLimits(send, json);
            if (tooLarge == null) {
                socket.send(json);
            } else {
                sends.finish(send.clientMsgId()).ifPresentOrElse(f -> callbacks.fail(f, tooLarge),
                        () -> callbacks.call(l -> l.onError(new ServerFrame.Error(send.clientMsgId().toString(),
                                tooLarge.code(), tooLarge.getMessage()))));
            }
        }
    }

    /** Queues a request; it goes out now if a socket is ready, else at the next ready. */
    <T> void submit(Function<String, ClientFrame> frame, Function<ServerFrame, T> reader, CompletableFuture<T> future) {
        if (closed) {
            callbacks.fail(future, new ConnectionLostException("connection closed"));
            return;
        }
        if (requests.isFull()) {
            callbacks.fail(future, new IllegalStateException("too many requests in flight; raise ClientOptions.maxPendingRequests"));
            return;
        }
        String ref = "req-" + (++nextRef);
        PendingRequests.Request<T> request = new PendingRequests.Request<>(ref, frame.apply(ref), reader, future);
        request.timeout = io.schedule(() -> requests.remove(ref).ifPresent(r -> r.fail(
                        new TimeoutException("no answer to " + ref + " within " + requestTimeout), callbacks)),
                requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        requests.add(request);
        flushRequests();
    }

    void receipt(long chatId, ReceiptKind kind, long seq) {
        receipts.mark(chatId, kind, seq);
        flushReceipts();
    }

    /** Typing is ephemeral: sent when online, dropped otherwise. Its ref names it in an error. */
    void typing(long chatId, boolean typing) {
        transmit(new ClientFrame.Typing("typing-" + (++typings), chatId, typing));
    }

    void transmit(ClientFrame frame) {
        if (socket != null) {
            socket.send(codec.encode(frame));
        }
    }

    /**
     * A send over the server's announced limits would make the server close the connection (a
     * frame too large) and, resent after every reconnect, poison it: it is refused here instead.
     */
    private ParleyException overLimits(PendingSend send, String json) {
        if (limits == null) {
            return null;
        }
        int textBytes = send.text().getBytes(StandardCharsets.UTF_8).length;
        if (limits.maxTextBytes() > 0 && textBytes > limits.maxTextBytes()) {
            return new ParleyException(ErrorCode.TEXT_TOO_LONG, 0,
                    "text of " + textBytes + " bytes is over the server's limit of " + limits.maxTextBytes());
        }
        int frameBytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (limits.maxFrameBytes() > 0 && frameBytes > limits.maxFrameBytes()) {
            return new ParleyException(ErrorCode.FRAME_TOO_LARGE, 0,
                    "frame of " + frameBytes + " bytes is over the server's limit of " + limits.maxFrameBytes());
        }
        return null;
    }

    private void flushRequests() {
        if (socket == null) {
            return;
        }
        for (PendingRequests.Request<?> request : requests.takeUnsent()) {
            transmit(request.frame);
        }
    }

    /** Coalesces automatic receipts: one flush after the frames already queued are handled. */
    private void queueReceiptFlush() {
        if (receiptFlushQueued) {
            return;
        }
        receiptFlushQueued = true;
        try {
            io.execute(() -> {
                receiptFlushQueued = false;
                flushReceipts();
            });
        } catch (RejectedExecutionException closedAlready) {
            receiptFlushQueued = false;
        }
    }

    private void flushReceipts() {
        if (socket == null || receipts.isEmpty()) {
            return;
        }
        receipts.drain(inbox::held).forEach(this::transmit);
    }

    // ---- inbound ----

    /** Routes one frame from the server (all but {@code ready}, which the owner handles). */
    void route(ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Ready r -> LOG.log(Level.DEBUG, "a second ready is ignored");
            case ServerFrame.Ack ack -> {
                sends.finish(ack.clientMsgId()).ifPresent(f -> callbacks.complete(f, ack));
                callbacks.call(l -> l.onAck(ack));
            }
            case ServerFrame.Message m -> apply(inbox.push(m.message()));
            case ServerFrame.Watermark w -> callbacks.call(l -> l.onWatermark(w));
            case ServerFrame.Synced s -> apply(inbox.answer(s));
            case ServerFrame.History h -> {
                if (inbox.owns(h.ref())) {
                    apply(inbox.answer(h));
                } else {
                    answer(h.ref(), h);
                }
            }
            case ServerFrame.Chat c -> answer(c.ref(), c);
            case ServerFrame.Chats c -> answer(c.ref(), c);
            case ServerFrame.Pong p -> {
            }
            case ServerFrame.Presence p -> callbacks.call(l -> l.onPresence(p));
            case ServerFrame.Typing t -> callbacks.call(l -> l.onTyping(t));
            case ServerFrame.Error e -> onError(e);
        }
    }

    private void onError(ServerFrame.Error e) {
        String ref = e.ref();
        if (ref == null) {
            lifecycle.closing(e.code());
            callbacks.call(l -> l.onError(e));
            return;
        }
        if (inbox.owns(ref)) {
            LOG.log(Level.WARNING, "resync request {0} failed: {1}", ref, e.code().wire());
            apply(inbox.failed(ref));
            return;
        }
        var request = requests.remove(ref);
        if (request.isPresent()) {
            request.get().fail(new ParleyException(e.code(), 0, e.message()), callbacks);
            return;
        }
        UUID clientMsgId = uuidOrNull(ref);
        if (clientMsgId != null && sends.isWaiting(clientMsgId) && RETRYABLE.contains(e.code())) {
            // nothing was stored: the send stays in the outbox and goes out again, unchanged
            sends.retryLater(clientMsgId);
            io.schedule(this::flushSends, SEND_RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (clientMsgId != null && sends.isWaiting(clientMsgId)) {
            var future = sends.finish(clientMsgId);
            if (future.isPresent()) {
                callbacks.fail(future.get(), new ParleyException(e.code(), 0, e.message()));
                return;
            }
        }
        callbacks.call(l -> l.onError(e));
    }

    private void answer(String ref, ServerFrame frame) {
        requests.remove(ref).ifPresentOrElse(r -> r.answer(frame, callbacks),
                () -> LOG.log(Level.DEBUG, "answer to an unknown or expired request {0}", ref));
    }

    /** Carries out what the inbox asks: deliver, report, request; and notes the end of a resync. */
    private void apply(InboxStep step) {
        for (ChatMessage message : step.messages()) {
            callbacks.call(l -> l.onMessage(message));
            if (autoDeliver) {
                receipts.delivered(message.chatId());
            }
        }
        for (ChatState state : step.states()) {
            callbacks.call(l -> l.onChatState(state));
        }
        step.requests().forEach(this::transmit);
        if (autoDeliver && !step.messages().isEmpty()) {
            queueReceiptFlush();
        }
        if (step.syncCompleted()) {
            lifecycle.resynced();
        }
        if (step.syncFailed()) {
            lifecycle.resyncFailed();
        }
    }

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }
}
