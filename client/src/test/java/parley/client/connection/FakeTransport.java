package parley.client.connection;

import java.net.URI;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/** A scripted server side: each open gives a {@link FakeSocket} the test drives. */
final class FakeTransport implements Transport {
    static final JsonCodec CODEC = new JsonCodec();

    final BlockingQueue<FakeSocket> sockets = new LinkedBlockingQueue<>();
    final Queue<Throwable> refusals = new ConcurrentLinkedQueue<>();
    final AtomicInteger opens = new AtomicInteger();
    volatile String lastToken;
    volatile URI lastUri;
    private final TransportKind kind;

    FakeTransport() {
        this(TransportKind.WEBSOCKET);
    }

    FakeTransport(TransportKind kind) {
        this.kind = kind;
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String token, Listener listener) {
        opens.incrementAndGet();
        lastToken = token;
        lastUri = uri;
        Throwable refusal = refusals.poll();
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        FakeSocket socket = new FakeSocket(listener, kind);
        listener.onOpen(socket);
        sockets.add(socket);
        return CompletableFuture.completedFuture(socket);
    }

    FakeSocket nextSocket() throws InterruptedException {
        FakeSocket socket = sockets.poll(5, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("no socket was opened within 5 s");
        }
        return socket;
    }

    /** One socket: what the client sent, and the server's side of it. */
    static final class FakeSocket implements Socket {
        private final Listener listener;
        private final TransportKind kind;
        private final BlockingQueue<ClientFrame> sent = new LinkedBlockingQueue<>();
        volatile boolean closedPolitely;
        volatile boolean aborted;

        FakeSocket(Listener listener, TransportKind kind) {
            this.listener = listener;
            this.kind = kind;
        }

        @Override
        public void send(String text) {
            if (!aborted && !closedPolitely) {
                sent.add(CODEC.decodeClient(text));
            }
        }

        @Override
        public void close() {
            closedPolitely = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public TransportKind kind() {
            return kind;
        }

        void serverSends(ServerFrame frame) {
            listener.onText(CODEC.encode(frame));
        }

        void serverCloses(int status, String reason) {
            listener.onClosed(status, reason);
        }

        void fails(Throwable error) {
            listener.onError(error);
        }

        /** The next frame the client sent, pings skipped. */
        ClientFrame next() throws InterruptedException {
            while (true) {
                ClientFrame frame = sent.poll(5, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new AssertionError("the client sent nothing within 5 s");
                }
                if (!(frame instanceof ClientFrame.Ping)) {
                    return frame;
                }
            }
        }

        <F extends ClientFrame> F next(Class<F> type) throws InterruptedException {
            ClientFrame frame = next();
            if (!type.isInstance(frame)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but the client sent " + frame);
            }
            return type.cast(frame);
        }

        /** The next frame including pings, or null after the wait. */
        ClientFrame poll(Duration wait) throws InterruptedException {
            return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean nothingSent(Duration wait) throws InterruptedException {
            ClientFrame frame = sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            while (frame instanceof ClientFrame.Ping) {
                frame = sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            return frame == null;
        }
    }
}
