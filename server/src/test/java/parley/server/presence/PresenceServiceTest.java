package parley.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.protocol.model.PresenceVisibility.CONTACTS;
import static parley.protocol.model.PresenceVisibility.EVERYONE;
import static parley.protocol.model.PresenceVisibility.NOBODY;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.frame.ServerFrame;
import parley.server.cluster.LocalClusterBus;
import parley.server.cluster.LocalSessions;
import parley.protocol.model.PresenceVisibility;
import parley.server.store.PresenceStore;
import parley.server.store.sqlite.SqliteOptions;
import parley.server.store.sqlite.SqliteStorage;

/** Presence transitions and privacy, on the real SQLite store, the in-memory tracker and a set clock. */
class PresenceServiceTest {
    private static final long GRACE = 100;
    private static final long T0 = 1_700_000_000_000L;
    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    private static final JsonCodec CODEC = new JsonCodec();

    @TempDir
    Path dir;
    private SqliteStorage storage;
    private final AtomicLong now = new AtomicLong(T0);
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private PresenceService presence;
    private long alice;
    private long bob;
    private long stranger;

    record Delivery(long userId, ServerFrame frame) {
    }

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
        LocalClusterBus bus = new LocalClusterBus();
        bus.start(new LocalSessions() {
            @Override
            public void deliver(Collection<Long> userIds, byte[] frame) {
                userIds.forEach(id -> delivered.add(new Delivery(id, CODEC.decodeServer(new String(frame)))));
            }

            @Override
            public void disconnectDevice(long deviceId, ErrorCode reason) {
            }
        });
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        presence = new PresenceService(new InMemoryPresenceTracker(2000), storage.presence(), bus, CODEC, clock,
                Runnable::run, GRACE);
        alice = storage.accounts().createUser("alice", HASH, T0).orElseThrow().id();
        bob = storage.accounts().createUser("bob", HASH, T0).orElseThrow().id();
        stranger = storage.accounts().createUser("stranger", HASH, T0).orElseThrow().id();
        storage.chats().openDirect(alice, bob, T0);
    }

    @AfterEach
    void close() {
        presence.close();
        storage.close();
    }

    @Test
    void nobodyWorksBothWaysAndContactsMeansAOneOnOneChat() {
        assertThat(PresenceService.visible(EVERYONE, EVERYONE, false)).isTrue();
        assertThat(PresenceService.visible(CONTACTS, EVERYONE, false)).isFalse();
        assertThat(PresenceService.visible(CONTACTS, EVERYONE, true)).isTrue();
        assertThat(PresenceService.visible(NOBODY, EVERYONE, true)).isFalse();
        assertThat(PresenceService.visible(EVERYONE, NOBODY, true)).isFalse();
    }

    @Test
    void comingOnlineIsToldToContactsOnlyAndTheNewcomerGetsTheirPresence() {
        List<ServerFrame> bobSink = new CopyOnWriteArrayList<>();
        presence.connected(bob, 1, bobSink::add);

        assertThat(delivered).containsExactly(new Delivery(alice, new ServerFrame.Presence(bob, true, null)));
        assertThat(bobSink).containsExactly(new ServerFrame.Presence(alice, false, null));
    }

    @Test
    void goingOfflineWaitsForTheGraceStoresLastSeenAndIsNotToldOnAQuickReconnect() throws Exception {
        presence.connected(bob, 1, frame -> { });
        delivered.clear();

        now.addAndGet(500);
        presence.disconnected(bob, 1, now.get());
        presence.connected(bob, 1, frame -> { });
        Thread.sleep(3 * GRACE);
        assertThat(delivered).as("a reconnect within the grace: no flap").isEmpty();

        presence.disconnected(bob, 1, now.get());
        long lastSeen = now.get();
        now.addAndGet(GRACE);
        Thread.sleep(3 * GRACE);
        assertThat(delivered).containsExactly(new Delivery(alice, new ServerFrame.Presence(bob, false, lastSeen)));
        assertThat(storage.presence().record(bob).lastSeen()).hasValue(lastSeen);
    }

    @Test
    void changingPrivacyHidesAndShowsAtOnce() {
        presence.connected(bob, 1, frame -> { });
        delivered.clear();

        presence.setVisibility(bob, NOBODY);

        assertThat(delivered).contains(new Delivery(alice, new ServerFrame.Presence(bob, false, null)),
                new Delivery(bob, new ServerFrame.Presence(alice, false, null)));
        assertThat(delivered).noneMatch(d -> d.userId() == stranger);
        delivered.clear();

        presence.setVisibility(bob, CONTACTS);
        assertThat(delivered).contains(new Delivery(alice, new ServerFrame.Presence(bob, true, null)));
    }

    @Test
    void aUserWithManyContactsGetsTheirPresenceFromOneReadOfTheirSettings() {
        List<Long> contacts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long contact = storage.accounts().createUser("contact" + i, HASH, T0).orElseThrow().id();
            storage.chats().openDirect(alice, contact, T0);
            storage.presence().setVisibility(contact, i % 3 == 0 ? NOBODY : EVERYONE);
            contacts.add(contact);
        }
        CountingStore counting = new CountingStore(storage.presence());
        PresenceService service = new PresenceService(new InMemoryPresenceTracker(2000), counting,
                new LocalClusterBus(), CODEC, Clock.systemUTC(), Runnable::run, GRACE);
        List<ServerFrame> aliceSink = new CopyOnWriteArrayList<>();
        try {
            service.connected(alice, 1, aliceSink::add);
        } finally {
            service.close();
        }

        List<Long> shown = aliceSink.stream().map(f -> ((ServerFrame.Presence) f).userId()).toList();
        assertThat(shown).hasSize(21).contains(bob).doesNotContain(contacts.getFirst());
        assertThat(counting.singleReads.get()).as("reads of one user's settings: alice's own, not per contact")
                .isLessThanOrEqualTo(2);
        assertThat(counting.batchReads.get()).as("the contacts' settings, read in batches").isLessThanOrEqualTo(2);
    }

    /** The real store, counting how often settings are read one user at a time and many at once. */
    private record CountingStore(PresenceStore store, AtomicInteger singleReads, AtomicInteger batchReads)
            implements PresenceStore {
        CountingStore(PresenceStore store) {
            this(store, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public void setVisibility(long userId, PresenceVisibility visibility) {
            store.setVisibility(userId, visibility);
        }

        @Override
        public PresenceRecord record(long userId) {
            singleReads.incrementAndGet();
            return store.record(userId);
        }

        @Override
        public Map<Long, PresenceRecord> records(Collection<Long> userIds) {
            batchReads.incrementAndGet();
            return store.records(userIds);
        }

        @Override
        public void recordLastSeen(long userId, long at) {
            store.recordLastSeen(userId, at);
        }

        @Override
        public List<Contact> contacts(long userId) {
            return store.contacts(userId);
        }
    }
}
