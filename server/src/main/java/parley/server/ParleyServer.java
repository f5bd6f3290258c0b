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
import parley.server.gateway.GatewayInitializer;
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

    private ParleyServer(NodeBackends backends, GroupCommitWriter writer, WorkPools pools,
                         PresenceService presenceService, SessionRegistry registry, LongPollSessions longPoll,
                         GatewayServer gateway, Readiness readiness, int drainSeconds, MediaCleaner mediaCleaner) {
        this.mediaCleaner = mediaCleaner;
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
        UploadService uploads = new UploadService(storage.media(), backends.blobs(), media, mediaIds, clock);
        UploadCompletion completion = new UploadCompletion(uploads, storage.media(), backends.blobs(),
                new MediaInspection(media.maxImagePixels()), media, mediaIds, clock);
        MediaAccess mediaAccess = new MediaAccess(storage.media());
        TransferExecutor transfers = new TransferExecutor(media.maxTransfers());
        MessagingService messaging = new MessagingService(writer, fanout, config.chat(),
                (userId, mediaId, then) -> blockingResolve(blocking, () -> then.accept(
                        mediaAccess.readable(userId, mediaId).map(StoredMedia::ref))));
        GroupService groups = new GroupService(storage.groups(), storage.chats(), writer, fanout, config.chat(), clock,
                presenceService, new GroupLimits(limits, clock));
        HttpResponses responses = new HttpResponses(codec);
        TypingRelay typing = new TypingRelay(storage.chats(), bus, codec, clock);
        SessionServices services = new SessionServices(accounts, messaging, queries, blocking, registry, bus, presenceService, typing,
                new SendLimits(limits, clock), codec,
                new Limits(gw.maxFrameBytes(), config.chat().maxTextBytes(), config.chat().maxPageSize()),
                gw.heartbeatSeconds(), gw.outboundQueueBytes(), clock);
        LongPollSessions longPoll = new LongPollSessions(services, responses, gw.longPollHoldSeconds(),
                gw.longPollIdleSeconds());
        GatewayInitializer initializer = new GatewayInitializer(gw, tls(gw),
                new HttpRouter(new ApiRoutes(accounts, queries, groups, codec, presenceService, uploads, completion,
                        admin(config, storage, tokens, registry, codec, clock)),
                        pools, new ClientAddresses(gw.trustedProxies()), responses, new StaticFiles("/web"), readiness, longPoll,
                        new MediaDownloads(accounts, mediaAccess, backends.blobs(), transfers, responses,
                                gw.tls().isPresent())),
                new WebSocketGate(new OriginPolicy(gw.allowedOrigins()), accounts, blocking, responses),
                responses, services, () -> new ChunkUploadHandler(accounts, uploads, transfers, responses));
        GatewayServer gateway = new GatewayServer(gw, initializer);
        MediaCleaner cleaner = new MediaCleaner(storage.media(), backends.blobs(), media, clock);
        cleaner.start();
        readiness.ready();
        LOG.info("Parley listening on {}://{}:{} (data in {})", gw.tls().isPresent() ? "https" : "http", gw.host(),
                gateway.port(), config.store().dataDir());
        return new ParleyServer(backends, writer, pools, presenceService, registry, longPoll, gateway, readiness,
                config.cluster().drainSeconds(), cleaner);
    }

    private static void blockingResolve(BlockingExecutor blocking, Runnable lookup) {
        try {
            blocking.execute(lookup);
        } catch (RejectedExecutionException e) {
            throw new ProtocolException(ErrorCode.OVERLOADED, "the server is overloaded; retry later");
        }
    }

    private static AdminRoutes admin(ParleyConfig config, Storage storage, DeviceTokens tokens, SessionRegistry registry,
                                     JsonCodec codec, Clock clock) {
        return new AdminRoutes(new AdminSecret(config.admin().secret()),
                new BulkProvisioner(storage.accounts(), tokens, clock),
                new ServerSelfReport(registry, Path.of("/proc/self/status"), clock), codec);
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
        pools.close();
        backends.close();
        LOG.info("Parley stopped");
    }
}
