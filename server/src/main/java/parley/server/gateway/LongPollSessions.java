package parley.server.gateway;

import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.ProtocolVersion;
import parley.protocol.api.PollSession;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.server.auth.AuthenticatedDevice;

/**
 * The long-polling transport: the node's table of {@link LongPollSession}s and their HTTP calls
 * under {@code /api/poll/sessions}. Authentication runs on the blocking pool; everything a session's
 * connection owner would do on its event loop (dispatching frames in order, presence, hold timers)
 * runs on the one long-poll loop the session was given when it opened (one of a few, so that one
 * busy session does not hold up the others), so a session's frames are dispatched one at a time,
 * in arrival order, exactly as on a WebSocket. Held polls keep no thread.
 *
 * <p>Bounded: at most {@code maxPerDevice} sessions per device and {@code maxSessions} on the node
 * (past either, opening one is refused); each session's queue is bounded in bytes. The expiry
 * timer survives any failure of one pass: a session that never ends would hold its memory forever.
 */
public final class LongPollSessions implements AutoCloseable {
    public static final String PREFIX = "/api/poll/sessions";

    /** One HTTP call, already read off the request (whose buffer is released by the router). */
    public record Call(ChannelHandlerContext ctx, boolean keepAlive, String method, String path,
                       Map<String, List<String>> query, byte[] body, Optional<String> token) {
    }

    private final SessionServices services;
    private final HttpResponses responses;
    /** Set on a connection while it holds a poll: the connection's idle timer must not cut it. */
    public static final AttributeKey<Boolean> HOLDING = AttributeKey.valueOf("parley.long-poll-holding");

    private static final Logger LOG = LoggerFactory.getLogger(LongPollSessions.class);

    /** The bounds of the transport. */
    public record Bounds(int holdSeconds, int idleSeconds, int maxPerDevice, int maxSessions) {
    }

    private final long holdMillis;
    private final long idleMillis;
    private final int maxPerDevice;
    private final int maxSessions;
    private final EventExecutorGroup loops;
    private final EventExecutor timer;
    private final Map<String, LongPollSession> sessions = new ConcurrentHashMap<>();
    /** Frames of one POST at most: what one body of gateway.max-body-bytes can hold. */
    private static final int MAX_WAITING = 4096;
    private static final long BUSY_RETRY_MILLIS = 1000;
    private final Map<String, FramePacer> pacers = new ConcurrentHashMap<>();
    /** Sessions being opened (subscribing to the bus) or open, per device: counted before they exist. */
    private final Map<Long, Integer> perDevice = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    public LongPollSessions(SessionServices services, HttpResponses responses, Bounds bounds) {
        this.services = services;
        this.responses = responses;
        this.holdMillis = 1000L * bounds.holdSeconds();
        this.idleMillis = 1000L * bounds.idleSeconds();
        this.maxPerDevice = bounds.maxPerDevice();
        this.maxSessions = bounds.maxSessions();
        this.loops = new DefaultEventExecutorGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("parley-long-poll", true));
        this.timer = loops.next();
        timer.scheduleAtFixedRate(this::expireIdleSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** The loop of the expiry timer: a health check posts to it to see that it still runs. */
    public java.util.concurrent.Executor timer() {
        return timer;
    }

    /** Open long-poll sessions on this node. */
    public int size() {
        return opened.get();
    }

    public void handle(Call call) {
        try {
            services.blocking().execute(() -> {
                try {
                    AuthenticatedDevice device = call.token().flatMap(services.accounts()::authenticate)
                            .orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHORIZED,
                                    "missing, expired or revoked token"));
                    route(call, device);
                } catch (RuntimeException e) {
                    responses.error(call.ctx(), call.keepAlive(), ErrorMapper.toProtocol(e));
                }
            });
        } catch (RejectedExecutionException e) {
            responses.error(call.ctx(), call.keepAlive(), ErrorMapper.toProtocol(e));
        }
    }

    private void route(Call call, AuthenticatedDevice device) {
        String rest = call.path().substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            require(call, "POST");
            open(call, device);
            return;
        }
        String[] parts = rest.substring(1).split("/", -1);
        LongPollSession session = owned(parts[0], device);
        if (parts.length == 1) {
            if (call.method().equals("GET")) {
                poll(call, session);
            } else {
                require(call, "DELETE");
                sessions.remove(session.id());
                session.close(ErrorCode.NOT_FOUND, "this long-poll session was ended by the client");
                responses.json(call.ctx(), call.keepAlive(), 204, null);
            }
        } else if (parts.length == 2 && parts[1].equals("frames")) {
            require(call, "POST");
            frames(call, session);
        } else {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
        }
    }

    private static void require(Call call, String method) {
        if (!call.method().equals(method)) {
            throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, call.method() + " is not allowed here");
        }
    }

    /** The session with this id, if the device owns it; unknown, expired and foreign look alike. */
    private LongPollSession owned(String id, AuthenticatedDevice device) {
        LongPollSession session = sessions.get(id);
        if (session == null || session.device().deviceId() != device.deviceId()) {
            throw new ProtocolException(ErrorCode.NOT_FOUND,
                    "no long-poll session " + id + " of this device; it may have expired: open a new one");
        }
        return session;
    }

    /** Pushes must reach this node before "ready" is queued, as for a WebSocket (see its handler). */
    private void open(Call call, AuthenticatedDevice device) {
        reserve(device.deviceId());
        EventExecutor loop = loops.next();
        try {
            services.bus().subscribe(device.userId()).whenComplete((ok, failure) -> onLoop(loop, device,
                    () -> opened(call, device, loop, failure)));
        } catch (RuntimeException e) {
            release(device.deviceId()); // counted, never opened
            throw e;
        }
    }

    /** Runs the rest of an opening on its loop; a loop that refuses (shutting down) gives the count back. */
    private void onLoop(EventExecutor loop, AuthenticatedDevice device, Runnable rest) {
        try {
            loop.execute(rest);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            abandon(device);
        }
    }

    /** The rest of an opening, on the session's loop. Until the session is in the table, a failure gives its count back. */
    private void opened(Call call, AuthenticatedDevice device, EventExecutor loop, Throwable failure) {
        if (failure != null) {
            abandon(device);
            responses.error(call.ctx(), call.keepAlive(), new ProtocolException(ErrorCode.UNAVAILABLE,
                    "the cluster bus is unavailable; retry later"));
            return;
        }
        if (!call.ctx().channel().isActive()) {
            abandon(device); // the client went away while the session was being set up: nobody will poll it
            return;
        }
        String id = UUID.randomUUID().toString();
        ConnectionPresence[] presence = new ConnectionPresence[1];
        LongPollSession[] self = new LongPollSession[1];
        LongPollSession session;
        try {
            session = new LongPollSession(id, device, services.codec(), services.outboundQueueBytes(),
                    services.outboundBudget(), loop, services.clock(), () -> ended(self[0], presence[0]));
            self[0] = session;
            presence[0] = new ConnectionPresence(session, services.presence(), services.clock(),
                    services.heartbeatSeconds());
            session.send(new ServerFrame.Ready(ProtocolVersion.V1, device.userId(), device.username(),
                    device.deviceId(), services.heartbeatSeconds(), services.limits()));
            pacers.put(id, new FramePacer(new FrameDispatcher(services, session, presence[0]), loop, session,
                    MAX_WAITING));
        } catch (RuntimeException e) {
            abandon(device);
            responses.error(call.ctx(), call.keepAlive(), ErrorMapper.toProtocol(e));
            return;
        }
        sessions.put(id, session);
        services.registry().add(session);
        presence[0].start(loop);
        // the Location lets a load balancer send the session's later calls to this node
        responses.created(call.ctx(), call.keepAlive(), PREFIX + "/" + id, new PollSession(id, 0));
    }

    /** A session counted and subscribed for, but never opened. */
    private void abandon(AuthenticatedDevice device) {
        release(device.deviceId());
        services.bus().unsubscribe(device.userId());
    }

    /**
     * Counts a session of this device before it opens, or refuses it: past the device's bound with
     * {@code rate_limited} (a session expires after the idle time, so retry then), past the node's
     * with {@code overloaded}.
     */
    private void reserve(long deviceId) {
        if (opened.incrementAndGet() > maxSessions) {
            opened.decrementAndGet();
            throw new ProtocolException(ErrorCode.OVERLOADED, "this server holds as many long-poll sessions as it can; "
                    + "retry later or use a WebSocket").withRetryAfter(idleMillis);
        }
        boolean[] refused = new boolean[1];
        perDevice.compute(deviceId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerDevice) {
                refused[0] = true;
                return count;
            }
            return now + 1;
        });
        if (refused[0]) {
            opened.decrementAndGet();
            throw ProtocolException.rateLimited("this device already has " + maxPerDevice
                    + " long-poll sessions; end one (DELETE) or let it expire", idleMillis);
        }
    }

    private void release(long deviceId) {
        opened.decrementAndGet();
        perDevice.computeIfPresent(deviceId, (id, count) -> count <= 1 ? null : count - 1);
    }

    /** Runs on the loop, once, when a session ends: it no longer gets pushes nor takes frames. */
    private void ended(LongPollSession session, ConnectionPresence presence) {
        FramePacer pacer = pacers.remove(session.id());
        if (pacer != null) {
            pacer.close();
            release(session.device().deviceId());
        }
        if (session.drained()) {
            sessions.remove(session.id());
        }
        services.registry().remove(session);
        services.bus().unsubscribe(session.device().userId());
        presence.closed();
    }

    private void poll(Call call, LongPollSession session) {
        long cursor;
        try {
            cursor = Long.parseLong(call.query().getOrDefault("cursor", List.of("")).getFirst());
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "cursor must be a number (0 for the first poll)");
        }
        Attribute<Boolean> holding = call.ctx().channel().attr(HOLDING);
        holding.set(true);
        session.poll(cursor, holdMillis, batch -> {
            holding.set(false);
            responses.write(call.ctx(), call.keepAlive(), 200, "application/json", encode(batch));
            if (session.drained()) {
                sessions.remove(session.id());
            }
        });
    }

    /** Writes a {@link parley.protocol.api.PollBatch} from frames already encoded. */
    private static byte[] encode(LongPollQueue.Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"frames\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < batch.frames().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.frames().get(i));
        }
        out.writeBytes(("],\"cursor\":" + batch.cursor() + "}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private void frames(Call call, LongPollSession session) {
        List<String> texts = new ArrayList<>();
        try {
            JsonNode body = json.readTree(call.body());
            if (body == null || !(body.isArray() || body.isObject())) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "the body is a frame or an array of frames");
            }
            if (body.isArray()) {
                body.forEach(node -> texts.add(node.toString()));
            } else {
                texts.add(body.toString());
            }
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "the body is not JSON");
        }
        session.loop().execute(() -> {
            FramePacer pacer = pacers.get(session.id());
            if (pacer == null) {
                responses.error(call.ctx(), call.keepAlive(), new ProtocolException(ErrorCode.NOT_FOUND,
                        "this long-poll session has ended; open a new one"));
                return;
            }
            if (pacer.isBackedUp()) {
                responses.error(call.ctx(), call.keepAlive(), ProtocolException.rateLimited("the frames of an earlier "
                        + "POST of this session are still waiting to be taken; post one batch at a time", BUSY_RETRY_MILLIS));
                return;
            }
            for (String text : texts) {
                ClientFrame frame;
                try {
                    frame = services.codec().decodeClient(text);
                } catch (ProtocolException e) {
                    session.send(new ServerFrame.Error(null, e.code(), e.getMessage()));
                    continue;
                }
                pacer.offer(frame);
            }
            // answered once every frame was taken: a client sending too fast is slowed, not refused
            pacer.whenTaken(() -> {
                if (pacer.isClosed()) {
                    responses.error(call.ctx(), call.keepAlive(), new ProtocolException(ErrorCode.NOT_FOUND,
                            "this long-poll session ended before its frames were taken; open a new one and sync"));
                } else {
                    responses.json(call.ctx(), call.keepAlive(), 204, null);
                }
            });
        });
    }

    private void expireIdleSafely() {
        try {
            expireIdle();
        } catch (RuntimeException e) {
            LOG.error("long-poll expiry pass failed; it runs again in 1 s", e);
        }
    }

    private void expireIdle() {
        for (LongPollSession session : sessions.values()) {
            if (session.idleFor(idleMillis)) {
                sessions.remove(session.id());
                session.close(ErrorCode.IDLE_TIMEOUT, "this long-poll session was not polled for "
                        + idleMillis / 1000 + " s");
            } else if (session.drained()) {
                sessions.remove(session.id());
            }
        }
    }

    /** Stops the timers; the sessions themselves are closed through the registry first. */
    @Override
    public void close() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
