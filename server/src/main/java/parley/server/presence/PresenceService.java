package parley.server.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.PresenceVisibility;
import parley.server.chat.FrameSink;
import parley.server.chat.NewContacts;
import parley.server.cluster.ClusterBus;
import parley.server.presence.PresenceTracker.Presence;
import parley.server.store.PresenceStore;
import parley.server.store.PresenceStore.Contact;
import parley.server.store.PresenceStore.PresenceRecord;

/**
 * Tells contacts when a user comes online or goes offline, and a connecting device the presence of
 * its contacts. The tracker (in memory, or Redis for a cluster) says who is online; the store keeps
 * privacy and last seen; the bus carries the news to contacts' sessions on any node.
 *
 * <p><b>Transitions.</b> A user comes online when a device connects while the user was offline
 * (and not merely within the grace period after a disconnect). A user goes offline only
 * {@code graceMillis} after a device's connection ended (or it fell silent), and only if the tracker
 * then counts no device of the user as online: a quick reconnect, to this node or another, makes no
 * offline-online flap. Going offline stores the last seen. Work is proportional to the changes and
 * to the contacts of the user who changed, never to the users online; the contacts' privacy
 * settings are read in one batched query ({@link PresenceStore#records}), and the visible
 * contacts' presence in one pipelined read of the tracker ({@link PresenceTracker#presences}), not
 * one read per contact.
 *
 * <p><b>Threading.</b> Everything that blocks (tracker reads, store) runs on {@code work} (the
 * node's blocking pool); a timer thread only schedules the offline checks. A user's connect and
 * offline check hold one of {@link #LOCKS} striped locks, so on one node a reconnect cannot slip
 * between the check's read and its announcement; across nodes a race can at worst repeat a state.
 */
public final class PresenceService implements NewContacts, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);
    private static final int LOCKS = 64;
    /** Past this many newcomer-member pairs (a big group formed at once), contacts learn at their next connect. */
    static final int MAX_INTRODUCTIONS = 4096;

    private final PresenceTracker tracker;
    private final PresenceStore store;
    private final ClusterBus bus;
    private final JsonCodec codec;
    private final Clock clock;
    private final Executor work;
    private final long graceMillis;
    private final ScheduledExecutorService timer;
    private final Map<Long, Long> pendingOffline = new ConcurrentHashMap<>();
    private final AtomicLong checks = new AtomicLong();
    private final Object[] locks = new Object[LOCKS];

    public PresenceService(PresenceTracker tracker, PresenceStore store, ClusterBus bus, JsonCodec codec, Clock clock,
                           Executor work, long graceMillis) {
        this.tracker = tracker;
        this.store = store;
        this.bus = bus;
        this.codec = codec;
        this.clock = clock;
        this.work = work;
        this.graceMillis = graceMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("parley-presence").daemon(true).unstarted(r));
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new Object();
        }
    }

    /** The tracker: who is online. */
    public PresenceTracker tracker() {
        return tracker;
    }

    /**
     * A device connected: counts it online, tells contacts if the user was offline (and not within
     * the grace period after a disconnect), and sends {@code sink} the contacts' presence.
     */
    public void connected(long userId, long deviceId, FrameSink sink) {
        long now = clock.millis();
        run(() -> {
            boolean wasOnline;
            synchronized (lock(userId)) {
                Optional<Presence> before = tracker.presence(userId, now);
                tracker.heartbeat(userId, deviceId, now);
                wasOnline = pendingOffline.containsKey(userId) || before.isPresent()
                        && (before.get().online() || now - before.get().lastSeen() <= graceMillis);
            }
            if (!wasOnline) {
                announce(userId, new ServerFrame.Presence(userId, true, null));
            }
            snapshot(userId, sink);
        });
    }

    /** A heartbeat of a connected device. Does not block. */
    public void heard(long userId, long deviceId) {
        tracker.heartbeat(userId, deviceId, clock.millis());
    }

    /**
     * A device's connection ended, or it fell silent; {@code lastHeard} is when it was last heard.
     * The user goes offline after the grace period unless a device is online then.
     */
    public void disconnected(long userId, long deviceId, long lastHeard) {
        tracker.disconnected(userId, deviceId, lastHeard);
        // stored now too (it only moves forward), so that a node stopping within the grace period,
        // or losing its tracker, still leaves the user's last seen behind
        run(() -> store.recordLastSeen(userId, lastHeard));
        long token = checks.incrementAndGet();
        pendingOffline.put(userId, token);
        try {
            timer.schedule(() -> run(() -> checkOffline(userId, token)), graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pendingOffline.remove(userId, token);
        }
    }

    /** The user's privacy setting. Blocking. */
    public PresenceVisibility visibility(long userId) {
        return store.record(userId).visibility();
    }

    /**
     * Changes who may see the user; contacts who may now see the user get the user's presence,
     * those who may not any more get it hidden, and the user gets the contacts' presence as the new
     * setting allows (all hidden for "nobody"). Blocking.
     */
    public void setVisibility(long userId, PresenceVisibility visibility) {
        store.setVisibility(userId, visibility);
        long now = clock.millis();
        ServerFrame.Presence shown = current(userId, store.record(userId), now);
        ServerFrame.Presence hidden = new ServerFrame.Presence(userId, false, null);
        List<Long> see = new ArrayList<>();
        List<Long> blind = new ArrayList<>();
        List<Contact> contacts = store.contacts(userId);
        Map<Long, PresenceRecord> theirs = store.records(idsOf(contacts));
        for (Contact contact : contacts) {
            boolean allowed = visible(visibility, theirs.get(contact.userId()).visibility(), contact.direct());
            (allowed ? see : blind).add(contact.userId());
        }
        deliver(see, shown);
        deliver(blind, hidden);
        snapshot(userId, frame -> deliver(List.of(userId), frame), true);
    }

    /**
     * Users who just came to share a chat see each other's presence at once, as their settings
     * allow, without waiting for a reconnect. Asynchronous; bounded by {@link #MAX_INTRODUCTIONS}.
     */
    @Override
    public void met(Collection<Long> newcomers, Collection<Long> members) {
        if ((long) newcomers.size() * members.size() > MAX_INTRODUCTIONS) {
            return;
        }
        run(() -> introduce(Set.copyOf(newcomers), Set.copyOf(members)));
    }

    private void introduce(Set<Long> newcomers, Set<Long> members) {
        long now = clock.millis();
        Set<Long> everyone = new HashSet<>(members);
        everyone.addAll(newcomers);
        Map<Long, PresenceRecord> records = store.records(List.copyOf(everyone));
        Map<Long, Presence> live = tracker.presences(everyone, now);
        for (long newcomer : newcomers) {
            Map<Long, Boolean> direct = new HashMap<>();
            for (Contact contact : store.contacts(newcomer)) {
                direct.put(contact.userId(), contact.direct());
            }
            PresenceRecord mine = records.get(newcomer);
            List<Long> seeMe = new ArrayList<>();
            for (long other : members) {
                if (other == newcomer || newcomers.contains(other) && other < newcomer || !direct.containsKey(other)) {
                    continue; // myself, a pair already introduced, or not a contact after all
                }
                PresenceRecord theirs = records.get(other);
                boolean oneOnOne = direct.get(other);
                if (visible(mine.visibility(), theirs.visibility(), oneOnOne)) {
                    seeMe.add(other);
                }
                if (visible(theirs.visibility(), mine.visibility(), oneOnOne)) {
                    deliver(List.of(newcomer), current(other, theirs, Optional.ofNullable(live.get(other)), now));
                }
            }
            deliver(seeMe, current(newcomer, mine, Optional.ofNullable(live.get(newcomer)), now));
        }
    }

    private void checkOffline(long userId, long token) {
        long now = clock.millis();
        Optional<Presence> presence;
        synchronized (lock(userId)) {
            if (!pendingOffline.remove(userId, token)) {
                return;
            }
            presence = tracker.presence(userId, now);
        }
        if (presence.isPresent() && presence.get().online()) {
            return;
        }
        long lastSeen = presence.map(Presence::lastSeen).orElse(now);
        store.recordLastSeen(userId, lastSeen);
        announce(userId, new ServerFrame.Presence(userId, false, lastSeen));
    }

    /** Sends the user's contacts the frame, those the privacy settings allow. */
    private void announce(long userId, ServerFrame.Presence frame) {
        PresenceRecord mine = store.record(userId);
        if (mine.visibility() == PresenceVisibility.NOBODY) {
            return;
        }
        List<Contact> contacts = store.contacts(userId);
        Map<Long, PresenceRecord> theirs = store.records(idsOf(contacts));
        List<Long> recipients = new ArrayList<>();
        for (Contact contact : contacts) {
            if (visible(mine.visibility(), theirs.get(contact.userId()).visibility(), contact.direct())) {
                recipients.add(contact.userId());
            }
        }
        deliver(recipients, frame);
    }

    private void snapshot(long viewer, FrameSink sink) {
        snapshot(viewer, sink, false);
    }

    /** The presence of every contact the viewer may see; with {@code hiddenToo}, the others as hidden. */
    private void snapshot(long viewer, FrameSink sink, boolean hiddenToo) {
        PresenceVisibility mine = store.record(viewer).visibility();
        long now = clock.millis();
        List<Contact> contacts = store.contacts(viewer);
        Map<Long, PresenceRecord> records = store.records(idsOf(contacts));
        Set<Long> visibleIds = contacts.stream()
                .filter(c -> visible(records.get(c.userId()).visibility(), mine, c.direct()))
                .map(Contact::userId).collect(Collectors.toSet());
        Map<Long, Presence> live = tracker.presences(visibleIds, now);
        for (Contact contact : contacts) {
            long id = contact.userId();
            if (visibleIds.contains(id)) {
                sink.send(current(id, records.get(id), Optional.ofNullable(live.get(id)), now));
            } else if (hiddenToo) {
                sink.send(new ServerFrame.Presence(id, false, null));
            }
        }
    }

    /** The user's presence now; offline within the grace period counts as online (no flapping). */
    private ServerFrame.Presence current(long userId, PresenceRecord record, long now) {
        return current(userId, record, tracker.presence(userId, now), now);
    }

    private ServerFrame.Presence current(long userId, PresenceRecord record, Optional<Presence> live, long now) {
        if (live.isPresent() && (live.get().online() || now - live.get().lastSeen() <= graceMillis)) {
            return new ServerFrame.Presence(userId, true, null);
        }
        OptionalLong stored = record.lastSeen();
        long lastSeen = Math.max(live.map(Presence::lastSeen).orElse(0L), stored.orElse(0L));
        return new ServerFrame.Presence(userId, false, lastSeen == 0 ? null : lastSeen);
    }

    /**
     * Whether a viewer may see a subject: neither chose "nobody" (which works both ways), and the
     * subject shows everyone, or the two share a one-on-one chat.
     */
    static boolean visible(PresenceVisibility subject, PresenceVisibility viewer, boolean direct) {
        return subject != PresenceVisibility.NOBODY && viewer != PresenceVisibility.NOBODY
                && (subject == PresenceVisibility.EVERYONE || direct);
    }

    private static List<Long> idsOf(List<Contact> contacts) {
        return contacts.stream().map(Contact::userId).toList();
    }

    private void deliver(List<Long> userIds, ServerFrame frame) {
        if (!userIds.isEmpty()) {
            bus.deliver(userIds, codec.encodeBytes(frame));
        }
    }

    private void run(Runnable task) {
        try {
            work.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a presence update failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("presence update skipped: the server is overloaded");
        }
    }

    private Object lock(long userId) {
        return locks[(int) Math.floorMod(userId, (long) LOCKS)];
    }

    /** The timer of the offline checks: a health check posts to it to see that it still runs. */
    public java.util.concurrent.Executor timer() {
        return timer;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
