package parley.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import parley.server.cluster.ClusterBus;
import parley.server.cluster.LocalClusterBus;
import parley.server.cluster.redis.RedisClusterBus;
import parley.server.cluster.redis.RedisOptions;
import parley.server.config.MediaConfig;
import parley.server.config.ParleyConfig;
import parley.server.config.StoreConfig;
import parley.server.presence.InMemoryPresenceTracker;
import parley.server.presence.PresenceTracker;
import parley.server.presence.redis.RedisPresenceTracker;
import parley.server.media.blob.BlobStore;
import parley.server.media.blob.FolderBlobStore;
import parley.server.store.Storage;
import parley.server.store.postgres.PostgresOptions;
import parley.server.store.postgres.PostgresStorage;
import parley.server.store.sqlite.SqliteOptions;
import parley.server.store.sqlite.SqliteStorage;

/**
 * The services a node stands on, chosen by its configuration: SQLite or PostgreSQL for the store,
 * in process or Redis for the bus and presence, a folder or an S3-compatible bucket for media. Opening checks each one and fails with a message
 * naming the service and the reason; whatever was opened before a failure is closed again.
 */
public record NodeBackends(Storage storage, ClusterBus bus, PresenceTracker presence, BlobStore blobs,
                           List<AutoCloseable> owned) implements AutoCloseable {

    public static NodeBackends open(ParleyConfig config) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            Storage storage = storage(config.store());
            owned.add(storage);
            long onlineWindow = 2_000L * config.gateway().heartbeatSeconds();
            ClusterBus bus;
            PresenceTracker presence;
            if (config.cluster().redis().isPresent()) {
                RedisOptions redis = RedisOptions.of(config.cluster().redis().get(), config.cluster().nodeId());
                RedisClusterBus redisBus = new RedisClusterBus(redis);
                owned.add(redisBus);
                RedisPresenceTracker redisPresence = new RedisPresenceTracker(redis, onlineWindow);
                owned.add(redisPresence);
                bus = redisBus;
                presence = redisPresence;
            } else {
                bus = new LocalClusterBus();
                owned.add(bus);
                presence = new InMemoryPresenceTracker(onlineWindow);
            }
            BlobStore blobs = blobs(config.media());
            owned.add(blobs);
            return new NodeBackends(storage, bus, presence, blobs, List.copyOf(owned));
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private static Storage storage(StoreConfig store) {
        return switch (store.kind()) {
            case SQLITE -> SqliteStorage.open(store.databaseFile(), SqliteOptions.defaults()
                    .withSynchronous(SqliteOptions.Synchronous.valueOf(store.synchronous().name())));
            case POSTGRES -> {
                StoreConfig.Postgres pg = store.postgres().orElseThrow();
                yield PostgresStorage.open(new PostgresOptions(pg.jdbcUrl(), pg.user(), pg.password(), pg.poolSize(),
                        PostgresOptions.DEFAULT_CONNECTION_TIMEOUT));
            }
        };
    }

    private static BlobStore blobs(MediaConfig media) {
        try {
            return new FolderBlobStore(media.folder());
        } catch (IOException e) {
            throw new UncheckedIOException("the media folder " + media.folder() + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Closes in reverse order of opening. */
    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(NodeBackends.class).warn("closing {} failed", owned.get(i), e);
            }
        }
    }
}
