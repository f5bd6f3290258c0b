package parley.server.quota;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.store.QuotaStore;

/**
 * Each user's stored bytes (message texts, files) against their quota: the operator's figure for
 * that user, or the node's default. The store counts what is committed; this keeps each active
 * user's last known figure so that a send is checked on the event loop without a database read.
 *
 * <p>A figure older than {@code refreshMillis}, or none, is (re)loaded in the background, and the
 * send meanwhile checked against what is known (none: allowed), so a user may pass the quota by what
 * they send in that moment and, in a cluster, by what other nodes stored since the last load:
 * bounded by the send rate limits, and never by more than one refresh period's worth.
 *
 * <p>Thread-safe: the figures are in a map bounded to {@code maxUsers} (least recently used
 * forgotten first), guarded by its own lock; loads run on {@code loader}.
 */
public final class StorageQuota {
    private record Figure(long stored, long quota, long loadedAt) {
        Figure plus(long bytes) {
            return new Figure(Math.max(0, stored + bytes), quota, loadedAt);
        }
    }

    private final QuotaStore store;
    private final long defaultQuota;
    private final Clock clock;
    private final Executor loader;
    private final long refreshMillis;
    private final Map<Long, Figure> figures;
    private final Map<Long, Boolean> loading = new java.util.concurrent.ConcurrentHashMap<>();

    public StorageQuota(QuotaStore store, long defaultQuota, Clock clock, Executor loader, long refreshMillis,
                        int maxUsers) {
        this.store = store;
        this.defaultQuota = defaultQuota;
        this.clock = clock;
        this.loader = loader;
        this.refreshMillis = refreshMillis;
        this.figures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Figure> eldest) {
                return size() > maxUsers;
            }
        };
    }

    /**
     * For a send, without blocking: refuses with {@code quota_exceeded} when the user's known figure
     * leaves no room for {@code bytes}; starts a load when the figure is missing or old.
     */
    public void checkSend(long userId, long bytes) {
        Optional<Figure> known = known(userId);
        if (known.isEmpty() || clock.millis() - known.get().loadedAt() > refreshMillis) {
            loadInBackground(userId);
        }
        known.ifPresent(figure -> refuseOver(figure, bytes));
    }

    /** Blocking (reads the store when needed): refuses with {@code quota_exceeded} when {@code bytes} do not fit. */
    public void requireRoom(long userId, long bytes) {
        Optional<Figure> known = known(userId).filter(f -> clock.millis() - f.loadedAt() <= refreshMillis);
        refuseOver(known.orElseGet(() -> load(userId)), bytes);
    }

    /** Counts a stored message's text: the store counted it in its transaction; this keeps the figure current. */
    public void stored(long userId, long bytes) {
        synchronized (figures) {
            figures.computeIfPresent(userId, (id, figure) -> figure.plus(bytes));
        }
    }

    /** Counts (or, negative, gives back) bytes the store does not count by itself: files. Blocking. */
    public void add(long userId, long bytes) {
        store.add(userId, bytes);
        stored(userId, bytes);
    }

    /** An operator changed the user's quota: forget the figure, so the next check loads it. */
    public void forget(long userId) {
        synchronized (figures) {
            figures.remove(userId);
        }
    }

    /** A user's stored bytes and the quota that applies to them. */
    public record Usage(long storedBytes, long quotaBytes, boolean own) {
    }

    /** The user's stored bytes and quota now, from the store (empty for an unknown user): for the operator. */
    public Optional<Usage> read(long userId) {
        return store.use(userId).map(use -> new Usage(use.storedBytes(), use.quotaBytes().orElse(defaultQuota),
                use.quotaBytes().isPresent()));
    }

    /** Sets the user's own quota (empty: back to the default); false for an unknown user. Blocking. */
    public boolean setQuota(long userId, Optional<Long> quotaBytes) {
        boolean known = store.setQuota(userId, quotaBytes);
        forget(userId);
        return known;
    }

    private void refuseOver(Figure figure, long bytes) {
        if (figure.stored() + bytes > figure.quota()) {
            throw new ProtocolException(ErrorCode.QUOTA_EXCEEDED, "you store " + figure.stored()
                    + " bytes and your quota is " + figure.quota() + " bytes; this needs " + bytes
                    + " more. Ask the operator for more room");
        }
    }

    private Optional<Figure> known(long userId) {
        synchronized (figures) {
            return Optional.ofNullable(figures.get(userId));
        }
    }

    private void loadInBackground(long userId) {
        if (loading.putIfAbsent(userId, Boolean.TRUE) != null) {
            return;
        }
        try {
            loader.execute(() -> {
                try {
                    load(userId);
                } catch (RuntimeException e) {
                    // the database is down: the figure stays as it was, and the next send tries again
                } finally {
                    loading.remove(userId);
                }
            });
        } catch (RejectedExecutionException e) {
            loading.remove(userId);
        }
    }

    private Figure load(long userId) {
        Figure figure = store.use(userId)
                .map(use -> new Figure(use.storedBytes(), use.quotaBytes().orElse(defaultQuota), clock.millis()))
                .orElse(new Figure(0, defaultQuota, clock.millis()));
        synchronized (figures) {
            figures.put(userId, figure);
        }
        return figure;
    }
}
