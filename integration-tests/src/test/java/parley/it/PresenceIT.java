package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.PollSession;
import parley.protocol.api.PrivacySettings;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.PresenceVisibility;

/**
 * Online status and last seen between contacts, over real connections with a 1 s heartbeat and a
 * 1 s grace period: coming online, going offline on a goodbye, on a dropped socket and on a client
 * that simply stops (killed without a goodbye, over a WebSocket or long polling), last seen kept
 * across a restart, privacy both ways,
 * strangers, no flapping on a quick reconnect, and pings too frequent.
 */
class PresenceIT {
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final long GRACE_MILLIS = 1000;
    private static TestServer server;
    private static ParleyClient client;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("gateway.heartbeat-seconds", "1", "presence.grace-seconds", "1"));
        client = ParleyClient.create(ClientOptions.builder(server.http()).build());
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void aContactSeesComingOnlineThenOfflineWithLastSeenKeptAcrossARestart() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice)) {
            aliceLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() == null, "never seen");

            long connectedAt = System.currentTimeMillis();
            TestDevice bobPhone = TestDevice.connect(client, bob);
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online");
            bobPhone.awaitPresence(alice.userId(), ServerFrame.Presence::online, "alice online, on connect");

            bobPhone.close();
            long closedAt = System.currentTimeMillis();
            ServerFrame.Presence offline = aliceLaptop.awaitPresence(bob.userId(), p -> !p.online(), "offline");
            assertThat(offline.lastSeen()).isBetween(connectedAt, closedAt + 500);
            assertThat(aliceLaptop.presencesOf(bob.userId())).as("one change each way").hasSize(3);

            server.restart();
            try (TestDevice aliceAgain = TestDevice.connect(client, alice)) {
                aliceAgain.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() != null, "offline, stored");
                assertThat(aliceAgain.presencesOf(bob.userId()).getLast().lastSeen()).isEqualTo(offline.lastSeen());
            }
        }
    }

    @Test
    void usersWhoMeetWhileConnectedSeeEachOtherAtOnce() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse carol = http.newUser("carol");
        LoginResponse hidden = http.newUser("hidden");
        assertThat(http.call("PUT", "/api/me/privacy", "{\"presence\":\"nobody\"}", hidden.token()).status()).isEqualTo(200);
        try (TestDevice a = TestDevice.connect(client, alice); TestDevice b = TestDevice.connect(client, bob);
             TestDevice c = TestDevice.connect(client, carol); TestDevice h = TestDevice.connect(client, hidden)) {
            assertThat(a.presencesOf(bob.userId())).as("strangers so far").isEmpty();

            http.openChat(alice.token(), bob.username());
            a.awaitPresence(bob.userId(), ServerFrame.Presence::online, "bob, met in a new chat");
            b.awaitPresence(alice.userId(), ServerFrame.Presence::online, "alice, met in a new chat");

            client.http().createGroup(carol.token(), "Trip", List.of(alice.userId(), bob.userId(), hidden.userId()), false);
            c.awaitPresence(alice.userId(), ServerFrame.Presence::online, "alice, met in a new group");
            c.awaitPresence(bob.userId(), ServerFrame.Presence::online, "bob, met in a new group");
            a.awaitPresence(carol.userId(), ServerFrame.Presence::online, "carol, met in a new group");
            Thread.sleep(500);
            assertThat(c.presencesOf(hidden.userId())).as("nobody hides presence").isEmpty();
            assertThat(h.presencesOf(carol.userId())).as("nobody works both ways").isEmpty();
        }
    }

    @Test
    void aClientThatStopsWithoutAGoodbyeGoesOfflineWithinTwoIntervalsAndTheGrace() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice);
             RawSocket frozen = RawSocket.connect(server.ws(), bob.token())) {
            frozen.next(ServerFrame.Ready.class);
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online");
            // after its pings the client freezes: its socket stays open, but nothing more comes from it
            pingThenStopAndSeeOffline(aliceLaptop, bob, () -> frozen.send("{\"type\":\"ping\"}"));
        }
    }

    @Test
    void aLongPollingContactIsOnlineAndGoesOfflineWhenItStopsWithoutAGoodbye() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice)) {
            // bob long-polls by hand: opens a session, pings a few times, then his app is killed
            HttpProbe.Answer opened = http.call("POST", "/api/poll/sessions", null, bob.token());
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            String frames = "/api/poll/sessions/" + opened.as(PollSession.class).sessionId() + "/frames";
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online, long polling");
            pingThenStopAndSeeOffline(aliceLaptop, bob, () -> assertThat(
                    http.call("POST", frames, "{\"type\":\"ping\"}", bob.token()).status()).isEqualTo(204));
        }
    }

    /**
     * The contact pings four times, half an interval apart, then goes quiet without a goodbye: the
     * watcher sees it offline, last seen at its last heartbeat, within two intervals and the grace.
     */
    private static void pingThenStopAndSeeOffline(TestDevice watcher, LoginResponse contact, Runnable ping)
            throws InterruptedException {
        long lastPing = 0;
        for (int i = 0; i < 4; i++) {
            lastPing = System.currentTimeMillis();
            ping.run();
            Thread.sleep(500);
        }
        ServerFrame.Presence offline = watcher.awaitPresence(contact.userId(), p -> !p.online(), "offline");
        long noticedAt = System.currentTimeMillis();
        assertThat(offline.lastSeen()).as("its last heartbeat").isBetween(lastPing - 1000, lastPing + 500);
        assertThat(noticedAt - lastPing).as("within two intervals, the grace and a check period")
                .isLessThan(2 * HEARTBEAT_MILLIS + GRACE_MILLIS + HEARTBEAT_MILLIS / 2 + 1500);
    }

    @Test
    void aDroppedSocketGoesOfflineAndAQuickReconnectDoesNotFlap() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice)) {
            RawSocket first = RawSocket.connect(server.ws(), bob.token());
            first.next(ServerFrame.Ready.class);
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online");
            int before = aliceLaptop.presencesOf(bob.userId()).size();

            first.close(); // aborted: no close frame
            try (RawSocket second = RawSocket.connect(server.ws(), bob.token())) {
                second.next(ServerFrame.Ready.class);
                keepPinging(second, 3 * GRACE_MILLIS);
                assertThat(aliceLaptop.presencesOf(bob.userId())).as("no offline-online flap").hasSize(before);
            }
            aliceLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() != null, "offline at last");
        }
    }

    @Test
    void nobodyHidesPresenceBothWaysAndStrangersNeverGetIt() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse stranger = http.newUser("stranger");
        http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice);
             TestDevice strangerLaptop = TestDevice.connect(client, stranger)) {
            TestDevice bobPhone = TestDevice.connect(client, bob);
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online");
            bobPhone.awaitPresence(alice.userId(), ServerFrame.Presence::online, "alice online");

            assertThat(privacy(bob, PresenceVisibility.NOBODY)).isEqualTo(PresenceVisibility.NOBODY);
            aliceLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() == null, "hidden");
            bobPhone.awaitPresence(alice.userId(), p -> !p.online() && p.lastSeen() == null, "hidden both ways");
            int aliceSaw = aliceLaptop.presencesOf(bob.userId()).size();

            bobPhone.close();
            try (TestDevice bobAgain = TestDevice.connect(client, bob)) {
                Thread.sleep(2 * GRACE_MILLIS);
                assertThat(bobAgain.presencesOf(alice.userId())).as("bob, on nobody, sees nobody").isEmpty();
            }
            Thread.sleep(2 * GRACE_MILLIS);
            assertThat(aliceLaptop.presencesOf(bob.userId())).as("nothing about bob on nobody").hasSize(aliceSaw);

            assertThat(privacy(bob, PresenceVisibility.CONTACTS)).isEqualTo(PresenceVisibility.CONTACTS);
            aliceLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() != null,
                    "visible again to a one-on-one contact, offline");
            assertThat(strangerLaptop.presencesOf(bob.userId())).as("a stranger gets nothing").isEmpty();
            assertThat(strangerLaptop.presences()).isEmpty();
        }
    }

    @Test
    void contactsMeansOneOnOneChatsAGroupMemberOnlySeesEveryone() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse carol = http.newUser("carol");
        http.openChat(alice.token(), bob.username());
        HttpProbe.Answer group = http.call("POST", "/api/groups",
                "{\"title\":\"Climbing\",\"memberIds\":[" + bob.userId() + "]}", carol.token());
        assertThat(group.status()).as(group.body()).isBetween(200, 201);
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice);
             TestDevice carolLaptop = TestDevice.connect(client, carol)) {
            TestDevice bobPhone = TestDevice.connect(client, bob);
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online to a one-on-one contact");
            carolLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "online to a group member");

            privacy(bob, PresenceVisibility.CONTACTS);
            carolLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() == null, "hidden from the group");
            int carolSaw = carolLaptop.presencesOf(bob.userId()).size();
            bobPhone.close();
            aliceLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() != null, "offline to alice");
            Thread.sleep(GRACE_MILLIS);
            assertThat(carolLaptop.presencesOf(bob.userId())).as("nothing more to the group member").hasSize(carolSaw);
        }
    }

    @Test
    void pingsTooFrequentAreDroppedQuietly() throws Exception {
        LoginResponse ivy = http.newUser("ivy");
        try (RawSocket eager = RawSocket.connect(server.ws(), ivy.token())) {
            eager.next(ServerFrame.Ready.class);
            for (int i = 0; i < 50; i++) {
                eager.send("{\"type\":\"ping\",\"ref\":\"p" + i + "\"}");
            }
            eager.send("{\"type\":\"list_chats\",\"ref\":\"last\"}");
            List<ServerFrame> frames = new ArrayList<>();
            ServerFrame frame;
            do {
                frame = eager.next();
                frames.add(frame);
            } while (!(frame instanceof ServerFrame.Chats));
            assertThat(frames).filteredOn(ServerFrame.Pong.class::isInstance).hasSizeBetween(3, 6);
            assertThat(frames).filteredOn(ServerFrame.Error.class::isInstance).isEmpty();
            assertThat(eager.isOpen()).isTrue();
        }
    }

    private static PresenceVisibility privacy(LoginResponse user, PresenceVisibility visibility) {
        HttpProbe.Answer answer = http.call("PUT", "/api/me/privacy",
                "{\"presence\":\"" + visibility.name().toLowerCase(java.util.Locale.ROOT) + "\"}", user.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        HttpProbe.Answer read = http.call("GET", "/api/me/privacy", null, user.token());
        return read.as(PrivacySettings.class).presence();
    }

    private static void keepPinging(RawSocket socket, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            socket.send("{\"type\":\"ping\"}");
            Thread.sleep(300);
        }
    }
}
