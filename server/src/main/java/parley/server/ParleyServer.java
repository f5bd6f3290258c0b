package parley.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.RejectedExecutionException;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.JsonCodec;
import parley.protocol.model.Limits;
import parley.server.admin.AdminRoutes;
import parley.server.admin.AdminSecret;
import parley.server.admin.BulkProvisioner;
import parley.server.admin.ServerSelfReport;
import parley.server.auth.AccountService;
import parley.server.auth.DeviceTokens;
import parley.server.auth.LoginThrottle;
import parley.server.auth.PasswordHasher;
import parley.server.chat.ChatQueries;
import parley.server.chat.Fanout;
import parley.server.chat.GroupCommitWriter;
import parley.server.chat.GroupService;
import parley.server.chat.MessagingService;
import parley.server.cluster.ClusterBus;
import parley.server.config.GatewayConfig;
import parley.server.config.LimitsConfig;
import parley.server.config.MediaConfig;
import parley.server.config.ParleyConfig;
import parley.server.gateway.BlockingExecutor;
import parley.server.gateway.ClientAddresses;
import parley.server.gateway.WorkPools;
import parley.server.quota.StorageQuota;
import parley.server.health.HealthCheck;
import parley.server.health.NodeHealth;
import parley.server.health.SchedulerCanary;
import parley.server.health.StoreProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.server.gateway.ConnectionLimits;
import parley.server.gateway.GatewayInitializer;
import parley.server.gateway.OutboundBudget;
import parley.server.gateway.GatewayServer;
import parley.server.gateway.HttpResponses;
import parley.server.gateway.HttpRouter;
import parley.server.gateway.LongPollSessions;
import parley.server.gateway.OriginPolicy;
import parley.server.gateway.Readiness;
import parley.server.gateway.SessionRegistry;
import parley.server.gateway.SessionServices;
import parley.server.gateway.StaticFiles;
import parley.server.gateway.WebSocketGate;
import parley.server.http.ApiRoutes;
import parley.server.limits.BucketTable;
import parley.server.limits.GroupLimits;
import parley.server.limits.SendLimits;
import parley.server.media.MediaAccess;
import parley.server.media.MediaCleaner;
import parley.server.media.MediaIds;
import parley.server.media.MediaInspection;
import parley.server.media.UploadCompletion;
import parley.server.media.UploadService;
import parley.server.media.http.ChunkUploadHandler;
import parley.server.media.http.MediaDownloads;
import parley.server.media.http.TransferExecutor;
import parley.server.presence.PresenceService;
import parley.server.presence.PresenceTracker;
import parley.server.presence.TypingRelay;
import parley.server.store.MediaStore.StoredMedia;
import parley.server.store.Storage;

/**
 * One Parley node, wired from its configuration: the store, the single writer, the chat core, the
 * bus, presence and the gateway. {@link #start} opens everything and binds; {@link #close} shuts
 * down in the reverse order, telling connected clients to reconnect and committing queued writes.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);
    private static final long HEALTH_PERIOD_MILLIS = 2_000;
    private static final long QUOTA_REFRESH_MILLIS = 60_000;
    private static final int QUOTA_USERS_REMEMBERED = 200_000;
    /** A writer, pool or database that finished nothing for this long is stuck: the node is not ready. */
    private static final long STUCK_MILLIS = 30_000;
    private static final long TIMER_STUCK_MILLIS = 10_000;

    private final NodeBackends backends;
    private final GroupCommitWriter writer;
    private final WorkPools pools;
    private final PresenceService presenceService;
    private final SessionRegistry registry;
    private final LongPollSessions longPoll;
    private final GatewayServer gateway;
    private final Readiness readiness;
    private final int drainSeconds;
    private final MediaCleaner mediaCleaner;
    private final NodeHealth health;

    private ParleyServer(NodeBackends backends, GroupCommitWriter writer, WorkPools pools,
                         PresenceService presenceService, SessionRegistry registry, LongPollSessions longPoll,
                         GatewayServer gateway, Readiness readiness, int drainSeconds, MediaCleaner mediaCleaner,
                         NodeHealth health) {
        this.mediaCleaner = mediaCleaner;
        this.health = health;
        this.backends = backends;
        this.writer = writer;
        this.pools = pools;
        this.presenceService = presenceService;
        this.registry = registry;
        this.longPoll = longPoll;
        this.gateway = gateway;
        this.readiness = readiness;
        this.drainSeconds = drainSeconds;
    }

    /** Opens the configured store, bus and presence, and starts a node on them. */
    public static ParleyServer start(ParleyConfig config, Clock clock) throws Exception {
        NodeBackends backends = NodeBackends.open(config);
        try {
            return start(config, clock, backends);
        } catch (Exception e) {
            backends.close();
            throw e;
        }
    }

    /** Starts a node on these backends, which it then owns and closes. */
    public static ParleyServer start(ParleyConfig config, Clock clock, NodeBackends backends) throws Exception {
        Storage storage = backends.storage();
        ClusterBus bus = backends.bus();
        PresenceTracker presence = backends.presence();
        JsonCodec codec = new JsonCodec();
        Readiness readiness = new Readiness();
        GatewayConfig gw = config.gateway();
        GroupCommitWriter writer = new GroupCommitWriter(storage.messages(), clock, config.chat().writerBatchMax(),
                config.chat().writerQueueMax());
        WorkPools pools = WorkPools.forCores(Runtime.getRuntime().availableProcessors(), clock);
        BlockingExecutor blocking = pools.api();
        SessionRegistry registry = new SessionRegistry();
        bus.start(registry);
        DeviceTokens tokens = new DeviceTokens(new SecureRandom());
        LimitsConfig limits = config.limits();
        AccountService accounts = new AccountService(storage.accounts(), new PasswordHasher(), tokens, bus,
                new LoginThrottle(limits, clock),
                new BucketTable<>(limits.registrationsPerAddress(), limits.addressesTracked(), clock), clock);
        PresenceService presenceService = new PresenceService(presence, storage.presence(), bus, codec, clock,
                blocking::execute, 1000L * config.presence().graceSeconds());
        ChatQueries queries = new ChatQueries(storage.accounts(), storage.chats(), storage.messages(), storage.groups(),
                config.chat(), clock, presenceService);
        Fanout fanout = new Fanout(bus, codec, config.chat().receiptCoalesceMembers(), clock);
        MediaConfig media = config.media();
        MediaIds mediaIds = new MediaIds(new SecureRandom());
        StorageQuota quota = new StorageQuota(storage.quotas(), config.quota().storedBytesPerUser(), clock,
                blocking::execute, QUOTA_REFRESH_MILLIS, QUOTA_USERS_REMEMBERED);
        UploadService uploads = new UploadService(storage.media(), backends.blobs(), media, mediaIds, quota, clock);
        UploadCompletion completion = new UploadCompletion(uploads, storage.media(), backends.blobs(),
                MediaInspection.of(media, clock), media, quota, clock);
        MediaAccess mediaAccess = new MediaAccess(storage.media());
        TransferExecutor transfers = new TransferExecutor(media.maxTransfers());
        MessagingService messaging = new MessagingService(writer, fanout, config.chat(),
                (userId, mediaId, then) -> blockingResolve(blocking, () -> {
                    Optional<parley.protocol.model.MediaRef> found;
                    try {
                        found = mediaAccess.readable(userId, mediaId).map(StoredMedia::ref);
                    } catch (RuntimeException e) {
                        then.accept(null, e);
                        return;
                    }
                    then.accept(found, null);
                }), quota);
        GroupService groups = new GroupService(storage.groups(), storage.chats(), writer, fanout, config.chat(), clock,
                presenceService, new GroupLimits(limits, clock));
        HttpResponses responses = new HttpResponses(codec);
        TypingRelay typing = new TypingRelay(storage.chats(), bus, codec, clock);
        SessionServices services = new SessionServices(accounts, messaging, queries, blocking, registry, bus, presenceService, typing,
                new SendLimits(limits, clock), codec,
                new Limits(gw.maxFrameBytes(), config.chat().maxTextBytes(), config.chat().maxPageSize()),
                gw.heartbeatSeconds(), gw.outboundQueueBytes(), clock,
                new OutboundBudget(gw.maxUserOutboundBytes(), gw.maxNodeOutboundBytes(), gw.maxFrameBytes()));
        ClientAddresses addresses = new ClientAddresses(gw.trustedProxies());
        LongPollSessions longPoll = new LongPollSessions(services, responses, new LongPollSessions.Bounds(
                gw.longPollHoldSeconds(), gw.longPollIdleSeconds(), gw.longPollSessionsPerDevice(),
                gw.maxLongPollSessions()));
        GatewayInitializer initializer = new GatewayInitializer(gw, tls(gw),
                new HttpRouter(new ApiRoutes(accounts, queries, groups, codec, presenceService, uploads, completion,
                        admin(config, storage, tokens, registry, quota, codec, clock)),
                        pools, addresses, responses, new StaticFiles("/web"), readiness, longPoll,
                        new MediaDownloads(accounts, mediaAccess, backends.blobs(), transfers, responses,
                                gw.tls().isPresent())),
                new WebSocketGate(new OriginPolicy(gw.allowedOrigins()), accounts, blocking, responses),
                responses, services, () -> new ChunkUploadHandler(accounts, uploads, transfers, responses),
                new ConnectionLimits(gw.maxConnections(), gw.maxConnectionsPerAddress(),
                        ConnectionLimits.DEFAULT_MAX_REFUSING), addresses);
        GatewayServer gateway = new GatewayServer(gw, initializer);
        MediaCleaner cleaner = new MediaCleaner(storage.media(), backends.blobs(), media, quota, clock);
        cleaner.start();
        NodeHealth health = health(writer, pools, presenceService, cleaner, longPoll, storage, clock);
        health.start(HEALTH_PERIOD_MILLIS);
        readiness.ready(health);
        LOG.info("Parley listening on {}://{}:{} (data in {})", gw.tls().isPresent() ? "https" : "http", gw.host(),
                gateway.port(), config.store().dataDir());
        return new ParleyServer(backends, writer, pools, presenceService, registry, longPoll, gateway, readiness,
                config.cluster().drainSeconds(), cleaner, health);
    }

    /** What {@code /healthz} and {@code /readyz} watch: the writer, the pools, the timers, the database. */
    private static NodeHealth health(GroupCommitWriter writer, WorkPools pools, PresenceService presence,
                                     MediaCleaner cleaner, LongPollSessions longPoll, Storage storage, Clock clock) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("writer", () -> writer.problem(STUCK_MILLIS));
        for (BlockingExecutor pool : pools.all()) {
            checks.put(pool.name() + " pool", () -> pool.stuckFor(STUCK_MILLIS)
                    ? HealthCheck.stuck("every thread has been busy with no task finished for " + STUCK_MILLIS / 1000 + " s")
                    : Optional.empty());
        }
        checks.put("presence", new SchedulerCanary("presence", presence.timer(), clock, TIMER_STUCK_MILLIS));
        checks.put("media clean-up", new SchedulerCanary("media clean-up", cleaner.timer(), clock, TIMER_STUCK_MILLIS));
        checks.put("long polling", new SchedulerCanary("long-poll expiry", longPoll.timer(), clock, TIMER_STUCK_MILLIS));
        checks.put("database", new StoreProbe(() -> storage.accounts().findUser(0L), clock, STUCK_MILLIS));
        return new NodeHealth(checks);
    }

    private static void blockingResolve(BlockingExecutor blocking, Runnable lookup) {
        try {
            blocking.execute(lookup);
        } catch (RejectedExecutionException e) {
            throw new ProtocolException(ErrorCode.OVERLOADED, "the server is overloaded; retry later");
        }
    }

    private static AdminRoutes admin(ParleyConfig config, Storage storage, DeviceTokens tokens, SessionRegistry registry,
                                     StorageQuota quota, JsonCodec codec, Clock clock) {
        return new AdminRoutes(new AdminSecret(config.admin().secret()),
                new BulkProvisioner(storage.accounts(), tokens, clock),
                new ServerSelfReport(registry, Path.of("/proc/self/status"), clock),
                new parley.server.admin.UserQuotas(storage.accounts(), quota), codec);
    }

    private static Optional<SslContext> tls(GatewayConfig config) throws SSLException {
        if (config.tls().isEmpty()) {
            return Optional.empty();
        }
        GatewayConfig.Tls tls = config.tls().get();
        return Optional.of(SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile())
                .protocols("TLSv1.3", "TLSv1.2")
                .build());
    }

    public int port() {
        return gateway.port();
    }

    public SessionRegistry sessions() {
        return registry;
    }

    /**
     * Shuts down without losing an acked message: stops being ready (the load balancer stops sending
     * clients), waits the drain time, stops accepting, asks clients to reconnect elsewhere, commits
     * the writes already queued, and closes the store.
     */
    @Override
    public void close() {
        readiness.draining();
        if (drainSeconds > 0) {
            LOG.info("draining for {} s", drainSeconds);
            try {
                Thread.sleep(drainSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        gateway.stopAccepting();
        registry.closeAll(ErrorCode.SHUTTING_DOWN, "the server is shutting down; reconnect");
        longPoll.close();
        writer.close();
        gateway.close();
        presenceService.close();
        mediaCleaner.close();
        health.close();
        pools.close();
        backends.close();
        LOG.info("Parley stopped");
    }
}
