package parley.client.connection;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import parley.client.ClientOptions;
import parley.client.ConnectionLostException;
import parley.client.ParleyException;
import parley.client.inbox.ChatOrdering;
import parley.client.inbox.Inbox;
import parley.client.outbox.Outbox;
import parley.client.outbox.OutboxFullException;
import parley.client.outbox.PendingSend;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MessagePage;
import parley.protocol.model.ReceiptKind;

/**
 * One device's real-time session with the server: a WebSocket kept open across drops.
 *
 * <ul>
 *   <li><b>Reconnect.</b> After any drop it reconnects with exponential backoff and full jitter
 *   (reset once a connection reaches {@link ConnectionState#ONLINE}); never after
 *   {@code unauthorized} or {@code session_revoked}, which end in {@link ConnectionState#CLOSED}
 *   with {@link #closeReason()} set.</li>
 *   <li><b>Outbox.</b> {@link #send} queues the message with a client message id and returns at
 *   once; the send goes out when connected and again, in order and with the same id, after
 *   every reconnect, until its ack (the future completes) or a final error (the future fails with
 *   {@link ParleyException}). Errors that mean "nothing stored, try later" ({@code overloaded},
 *   {@code unavailable}, {@code shutting_down}, {@code internal}, {@code rate_limited}) are not
 *   final: the send stays in the outbox and goes out again, unchanged, half a second later.</li>
 *   <li><b>Resync.</b> After every {@code ready} it runs the paged sync from the seqs it has
 *   delivered, and fills any gap with history, so that {@link ConnectionListener#onMessage}
 *   sees every chat's messages exactly once, in seq order, without gaps.</li>
 *   <li><b>Receipts.</b> {@link #markRead} / {@link #markDelivered}; with
 *   {@code autoDeliver} the SDK sends {@code delivered} for what it hands to the listener.</li>
 *   <li><b>Heartbeats.</b> A {@code ping} every {@code heartbeatSeconds}; a server silent for
 *   three heartbeats is dropped and reconnected to.</li>
 * </ul>
 *
 * <p><b>Threading.</b> Every method is thread-safe and non-blocking. The connection's state lives
 * on one private I/O thread; listener calls and future completions happen on one separate
 * callback thread, in order (see {@link ConnectionListener}). Single use: connect once, close
 * once.
 */
public final class ParleyConnection implements AutoCloseable {
    private final ScheduledThreadPoolExecutor io;
    private final CallbackThread callbacks;
    private final SendTracker sends;
    private final ChatOrdering ordering;
    private final ConnectionLoop loop;
    private volatile ConnectionState state;
    private volatile ServerFrame.Ready ready;
    private volatile ErrorCode closeReason;
    private volatile boolean connectCalled;
    private volatile boolean closed;

    /** Usually made by {@code ParleyClient.newConnection()}; this constructor is the seam for tests. */
    public ParleyConnection(ClientOptions options, Transport transport, Outbox outbox, JsonCodec codec) {
        String id = Integer.toHexString(System.identityHashCode(this));
        this.io = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("parley-io-" + id).factory());
        io.setRemoveOnCancelPolicy(true);
        io.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ExecutorService callbackExecutor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("parley-callbacks-" + id).factory());
        this.callbacks = new CallbackThread(callbackExecutor);
        this.sends = new SendTracker(outbox);
        this.ordering = new ChatOrdering(options.maxBufferedMessages());
        Inbox inbox = new Inbox(ordering, options.syncPageLimit(), options.gapPageLimit());
        ConnectionSetup setup = new ConnectionSetup(options.webSocketUri(), transport, codec,
                new Backoff(options.backoffBase(), options.backoffCap(), options.random()), options.clock(),
                options.connectTimeout(), options.requestTimeout(), options.maxPendingRequests(),
                options.autoDeliver());
        this.loop = new ConnectionLoop(setup, io, callbacks, sends, inbox, new ConnectionLoop.StateView() {
            @Override
            public void state(ConnectionState value) {
                state = value;
            }

            @Override
            public void ready(ServerFrame.Ready value) {
                ready = value;
            }

            @Override
            public void closeReason(ErrorCode code) {
                closeReason = code;
            }
        });
    }

    /**
     * Starts the session: opens the socket with the bearer token (from login) and keeps it open.
     *
     * @return completes with the server's {@code ready} the first time the connection is
     *         {@link ConnectionState#ONLINE} (ready and resynced); fails with
     *         {@link ParleyException} ({@code unauthorized}, {@code session_revoked}) if it closes
     *         for good first, or {@link ConnectionLostException} if {@link #close()}d first.
     *         Keeps waiting, without failing, while the server is unreachable.
     * @throws IllegalStateException when called a second time
     */
    public CompletableFuture<ServerFrame.Ready> connect(String token, ConnectionListener listener) {
        return connect(token, listener, Map.of());
    }

    /**
     * As {@link #connect(String, ConnectionListener)}, for an application that already holds some
     * chats: {@code heldSeqs} maps chat id to the highest seq it has (contiguously), so the
     * resync and the listener start after it. Chats left out start at 0 (all their history).
     */
    public CompletableFuture<ServerFrame.Ready> connect(String token, ConnectionListener listener,
                                                        Map<Long, Long> heldSeqs) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(listener, "listener");
        Map<Long, Long> start = Map.copyOf(heldSeqs);
        synchronized (this) {
            if (connectCalled) {
                throw new IllegalStateException("connect() was already called; a ParleyConnection is single-use");
            }
            connectCalled = true;
        }
        callbacks.listener(listener);
        post(() -> {
            start.forEach(ordering::startAt);
            loop.start(token);
        });
        return loop.firstOnline();
    }

    /** Sends a text message with a fresh random client message id. See {@link #send(long, UUID, String)}. */
    public CompletableFuture<ServerFrame.Ack> send(long chatId, String text) {
        return send(chatId, UUID.randomUUID(), text);
    }

    /**
     * Queues a text message in the outbox and returns at once. It goes out when connected and
     * again after every reconnect, with the same {@code clientMsgId}, until the server answers.
     * Sending again with an id that is still waiting returns the same future.
     *
     * @return completes with the ack (seq, server time) on the callback thread; fails with
     *         {@link ParleyException} when the server rejects the send for good (e.g.
     *         {@code not_found}, {@code text_too_long}; retryable errors are retried) or when it is over the limits the server announced in
     *         {@code ready} ({@code text_too_long}, {@code frame_too_large}: refused by the SDK,
     *         since the server would drop the connection), or when the connection closes for
     *         good first
     * @throws OutboxFullException when {@code maxOutbox} sends already await their ack
     * @throws IllegalStateException when the connection is closed
     */
    public CompletableFuture<ServerFrame.Ack> send(long chatId, UUID clientMsgId, String text) {
        return enqueue(new PendingSend(clientMsgId, chatId, text));
    }

    /**
     * Queues a media message: {@code mediaId} from a completed upload ({@code ParleyMedia}), with a
     * caption (may be empty). Delivered like {@link #send(long, UUID, String)}, exactly once.
     */
    public CompletableFuture<ServerFrame.Ack> sendMedia(long chatId, UUID clientMsgId, String mediaId, String caption) {
        return enqueue(new PendingSend(clientMsgId, chatId, caption, Objects.requireNonNull(mediaId, "mediaId")));
    }

    private CompletableFuture<ServerFrame.Ack> enqueue(PendingSend send) {
        if (closed || state == ConnectionState.CLOSED) {
            throw new IllegalStateException("connection closed" + closeReason().map(c -> " (" + c.wire() + ")").orElse(""));
        }
        CompletableFuture<ServerFrame.Ack> future = sends.add(send);
        if (!post(() -> loop.traffic().flushSends())) {
            future.completeExceptionally(new ConnectionLostException("connection closed"));
        }
        return future;
    }

    /** Tells the server (and so the chat's other members) the user has read the chat up to seq. */
    public void markRead(long chatId, long seq) {
        post(() -> loop.traffic().receipt(chatId, ReceiptKind.READ, seq));
    }

    /**
     * Tells the chat's other members that the user is typing there ({@code true}; repeat every 3 s or
     * so while typing) or stopped. Ephemeral: dropped while disconnected; a chat I am not a member
     * of is reported to {@link ConnectionListener#onError} as {@code not_found}.
     */
    public void typing(long chatId, boolean typing) {
        post(() -> loop.traffic().typing(chatId, typing));
    }

    /** Tells the server this device has received the chat up to seq (automatic with autoDeliver). */
    public void markDelivered(long chatId, long seq) {
        post(() -> loop.traffic().receipt(chatId, ReceiptKind.DELIVERED, seq));
    }

    /** Opens (or gets) the one-on-one chat with a user; fails with {@code not_found} for an unknown one. */
    public CompletableFuture<ChatSummary> openChat(String username) {
        return request(ref -> new ClientFrame.OpenChat(ref, username), frame -> expect(frame, ServerFrame.Chat.class).chat());
    }

    /** A page of my chats, newest activity first; {@code before} is a previous page's next (or null). */
    public CompletableFuture<ChatPage> listChats(String before, Integer limit) {
        return request(ref -> new ClientFrame.ListChats(ref, before, limit), frame -> expect(frame, ServerFrame.Chats.class).page());
    }

    /**
     * A page of a chat's history, ascending: the newest {@code limit} before seq {@code before},
     * the oldest after {@code after}, or (both null) the newest. These messages do not go to the
     * listener.
     */
    public CompletableFuture<MessagePage> history(long chatId, Long before, Long after, Integer limit) {
        return request(ref -> new ClientFrame.History(ref, chatId, before, after, limit),
                frame -> expect(frame, ServerFrame.History.class).page());
    }

    /** Drops the current socket and connects again at once (e.g. after a network change). */
    public void reconnectNow() {
        post(loop::reconnectNow);
    }

    /** The current state; null before {@link #connect}. */
    public ConnectionState state() {
        return state;
    }

    /** The {@code ready} of the current socket, while there is a ready one. */
    public Optional<ServerFrame.Ready> ready() {
        return Optional.ofNullable(ready);
    }

    /** Why the server closed the connection for good ({@code unauthorized}, {@code session_revoked}). */
    public Optional<ErrorCode> closeReason() {
        return Optional.ofNullable(closeReason);
    }

    /** Sends awaiting their ack. */
    public int outboxSize() {
        return sends.size();
    }

    /**
     * Closes the socket and stops for good. Pending requests and the futures of unacknowledged
     * sends fail with {@link ConnectionLostException}; the outbox keeps its sends (a persistent one
     * hands them to the next connection). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        post(loop::close);
    }

    private <T> CompletableFuture<T> request(Function<String, ClientFrame> frame, Function<ServerFrame, T> reader) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!post(() -> loop.traffic().submit(frame, reader, future))) {
            future.completeExceptionally(new ConnectionLostException("connection closed"));
        }
        return future;
    }

    private boolean post(Runnable task) {
        try {
            io.execute(task);
            return true;
        } catch (RejectedExecutionException closedAlready) {
            return false;
        }
    }

    private static <F extends ServerFrame> F expect(ServerFrame frame, Class<F> type) {
        if (!type.isInstance(frame)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + " but got " + frame);
        }
        return type.cast(frame);
    }
}
