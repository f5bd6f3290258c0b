package parley.bench.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import parley.bench.load.BenchUser;
import parley.bench.wire.WireClients;
import parley.bench.wire.WireListener;
import parley.bench.wire.WireSession;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.api.ErrorResponse;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * An ordinary pair of users who keep chatting while the node is attacked: Alice sends to Bob one
 * message at a time, at most one every {@code sendEvery} (a busy person's pace, under the node's
 * send rates; zero: as fast as acks come), over a raw WebSocket (so that every error and close is seen,
 * where the SDK would retry quietly), and calls {@code GET /api/me} every {@code apiEvery}. A send
 * refused with a retryable code, unanswered for {@value #SEND_TIMEOUT_SECONDS} s, or cut by a
 * closed connection goes again with the same client id (the node stores it once), so its latency
 * is what a user would wait. Bob only listens. Both connect from the system's default address,
 * not the attacker's.
 *
 * <p>Threading: one sender thread, one API thread; the sessions' callbacks run on their event
 * loop. The current {@link PhaseStats} is swapped by the run's thread at phase boundaries; a
 * result lands in the phase current when it arrives.
 */
final class Bystander implements AutoCloseable {
    static final int SEND_TIMEOUT_SECONDS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<ErrorCode> RETRYABLE = EnumSet.of(ErrorCode.OVERLOADED, ErrorCode.UNAVAILABLE,
            ErrorCode.SHUTTING_DOWN, ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED, ErrorCode.SLOW_CONSUMER);

    private final WireClients wire;
    private final URI server;
    private final BenchUser alice;
    private final BenchUser bob;
    private final long chatId;
    private final Duration apiEvery;
    private final Duration sendEvery;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final JsonCodec codec = new JsonCodec();
    private final Map<UUID, Long> acked = new ConcurrentHashMap<>();
    private final Set<UUID> deliveredToBob = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<CompletableFuture<ServerFrame>> pending = new AtomicReference<>();
    private final AtomicReference<UUID> pendingId = new AtomicReference<>();
    private final AtomicReference<ErrorCode> aliceCloseReason = new AtomicReference<>();
    private volatile PhaseStats phase = new PhaseStats("set-up");
    private volatile WireSession aliceSession;
    private volatile WireSession bobSession;
    private volatile boolean stopping;
    private volatile long drainDeadline = Long.MAX_VALUE;
    private Thread sender;
    private Thread api;

    Bystander(WireClients wire, URI server, BenchUser alice, BenchUser bob, long chatId, Duration apiEvery,
              Duration sendEvery) {
        this.sendEvery = sendEvery;
        this.wire = wire;
        this.server = server;
        this.alice = alice;
        this.bob = bob;
        this.chatId = chatId;
        this.apiEvery = apiEvery;
    }

    /** Connects both users (fails if they cannot), then starts chatting. */
    void start() throws Exception {
        bobSession = open(bob, bobListener());
        aliceSession = open(alice, aliceListener());
        sender = Thread.ofPlatform().daemon().name("bench-abuse-bystander").start(this::sendLoop);
        api = Thread.ofPlatform().daemon().name("bench-abuse-bystander-api").start(this::apiLoop);
    }

    /** From now on, results land in {@code next}. */
    void measure(PhaseStats next) {
        phase = next;
    }

    PhaseStats phase() {
        return phase;
    }

    /**
     * Stops chatting: no new message; the one in flight may take up to {@code drain} to be acked
     * (else it is abandoned). Then reads Bob's copy of the chat and checks every acked message is
     * in it once, at its acked seq.
     */
    BystanderCheck finish(Duration drain, BystanderCheck.HistoryReader history) throws InterruptedException {
        drainDeadline = System.nanoTime() + drain.toNanos();
        stopping = true;
        sender.join(drain.toMillis() + TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS + 5));
        api.join(API_TIMEOUT.toMillis() + apiEvery.toMillis() + 1_000);
        return BystanderCheck.of(sent.get(), Map.copyOf(acked), abandoned.get(), deliveredToBob.size(),
                reconnects.get(), history);
    }

    long acked() {
        return acked.size();
    }

    long chatId() {
        return chatId;
    }

    private void sendLoop() {
        long n = 0;
        while (!stopping) {
            UUID id = UUID.randomUUID();
            sent.incrementAndGet();
            long start = System.nanoTime();
            ClientFrame.Send send = new ClientFrame.Send(id, chatId, "still here " + (++n));
            while (true) {
                if (stopping && System.nanoTime() - drainDeadline > 0) {
                    abandoned.incrementAndGet();
                    return;
                }
                ServerFrame answer = attempt(send);
                if (answer instanceof ServerFrame.Ack ack) {
                    acked.put(id, ack.seq());
                    phase.acked((System.nanoTime() - start) / 1_000);
                    long next = start + sendEvery.toNanos();
                    while (!stopping && System.nanoTime() - next < 0) {
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                    break;
                }
                if (answer instanceof ServerFrame.Error e) {
                    phase.error("send refused: " + e.code().wire());
                    if (!RETRYABLE.contains(e.code())) {
                        abandoned.incrementAndGet();
                        break;
                    }
                    long waitMillis = e.retryAfterMs() == null ? 200 : Math.min(2_000, Math.max(10, e.retryAfterMs()));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMillis));
                }
                // no answer (timeout, closed connection, no connection): already counted; go again
            }
        }
    }

    /** Sends once and waits for its ack or error; null when there was neither (counted as an error). */
    private ServerFrame attempt(ClientFrame.Send send) {
        WireSession session = aliceSession();
        if (session == null) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            return null;
        }
        CompletableFuture<ServerFrame> answer = new CompletableFuture<>();
        pendingId.set(send.clientMsgId());
        pending.set(answer);
        if (!session.send(send)) {
            answer.completeExceptionally(new IOException("not open"));
        }
        try {
            return answer.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            phase.error("send unanswered for " + SEND_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            phase.error("send cut: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            drainDeadline = System.nanoTime();
        } finally {
            pending.set(null);
        }
        return null;
    }

    /** Alice's session, connecting again if it was closed; null when that failed (counted). */
    private WireSession aliceSession() {
        WireSession session = aliceSession;
        if (session != null && session.isOpen()) {
            return session;
        }
        try {
            reconnects.incrementAndGet();
            aliceSession = open(alice, aliceListener());
            return aliceSession;
        } catch (Exception e) {
            phase.error("alice could not connect: " + rootMessage(e));
            return null;
        }
    }

    private WireListener aliceListener() {
        return new WireListener() {
            @Override
            public void frame(WireSession s, ServerFrame frame) {
                CompletableFuture<ServerFrame> waiting = pending.get();
                UUID id = pendingId.get();
                if (frame instanceof ServerFrame.Ack ack && waiting != null && ack.clientMsgId().equals(id)) {
                    waiting.complete(ack);
                } else if (frame instanceof ServerFrame.Error e) {
                    if (e.ref() == null) {
                        aliceCloseReason.set(e.code());
                    } else if (waiting != null && id != null && e.ref().equals(id.toString())) {
                        waiting.complete(e);
                    } else {
                        phase.error("alice got error " + e.code().wire());
                    }
                }
            }

            @Override
            public void closed(WireSession s, String why) {
                if (s != aliceSession) {
                    return; // an earlier session, already replaced
                }
                ErrorCode reason = aliceCloseReason.getAndSet(null);
                String what = "connection closed" + (reason == null ? "" : " (" + reason.wire() + ")");
                if (!stopping) {
                    phase.error("alice's " + what);
                }
                CompletableFuture<ServerFrame> waiting = pending.get();
                if (waiting != null) {
                    waiting.completeExceptionally(new IOException(what));
                }
            }
        };
    }

    private WireListener bobListener() {
        return new WireListener() {
            @Override
            public void frame(WireSession s, ServerFrame frame) {
                if (frame instanceof ServerFrame.Message m && m.message().chatId() == chatId) {
                    deliveredToBob.add(m.message().clientMsgId());
                }
            }

            @Override
            public void closed(WireSession s, String why) {
                if (!stopping) {
                    phase.error("bob's connection closed");
                }
            }
        };
    }

    private void apiLoop() {
        HttpRequest me = HttpRequest.newBuilder(URI.create(server + "/api/me")).timeout(API_TIMEOUT)
                .header("Authorization", "Bearer " + alice.token()).GET().build();
        long next = System.nanoTime();
        while (!stopping) {
            next += apiEvery.toNanos();
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> answer = http.send(me, HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() == 200) {
                    phase.api((System.nanoTime() - start) / 1_000);
                } else {
                    phase.error("api " + answer.statusCode() + code(answer.body()));
                }
            } catch (IOException e) {
                phase.error("api no answer (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                return;
            }
            WireSession b = bobSession;
            if (!stopping && (b == null || !b.isOpen())) {
                try {
                    bobSession = open(bob, bobListener());
                } catch (Exception e) {
                    phase.error("bob could not connect: " + rootMessage(e));
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private WireSession open(BenchUser user, WireListener listener) throws Exception {
        WireClients.Opening opening = wire.open(user.token(), listener, user.username());
        opening.ready().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return opening.session();
    }

    private String code(byte[] body) {
        try {
            return " " + codec.read(body, ErrorResponse.class).code().wire();
        } catch (RuntimeException notAnError) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public void close() {
        stopping = true;
        drainDeadline = System.nanoTime();
        WireSession a = aliceSession;
        WireSession b = bobSession;
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        http.shutdownNow();
    }
}
