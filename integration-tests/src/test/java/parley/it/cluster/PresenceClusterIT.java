package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestCluster;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;

/**
 * Presence and typing between users on different nodes (PostgreSQL, Redis, real node processes,
 * 1 s heartbeat and grace): online, typing, a move to another node without a flap, offline with
 * last seen; a privacy change made through one node holding on the other, and strangers.
 */
class PresenceClusterIT {
    private static TestCluster cluster;
    private static ParleyClient onNode0;
    private static ParleyClient onNode1;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(2, Map.of("gateway.heartbeat-seconds", "1", "presence.grace-seconds", "1"));
        onNode0 = ParleyClient.create(ClientOptions.builder(cluster.node(0)).build());
        onNode1 = ParleyClient.create(ClientOptions.builder(cluster.node(1)).build());
    }

    @AfterAll
    static void stop() {
        onNode0.close();
        onNode1.close();
        cluster.close();
    }

    @Test
    void presenceAndTypingCrossNodes() throws Exception {
        HttpProbe http = new HttpProbe(cluster.node(0));
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(onNode0, alice)) {
            long connectedAt = System.currentTimeMillis();
            TestDevice bobPhone = TestDevice.connect(onNode1, bob);
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "bob online, from node 2");
            bobPhone.awaitPresence(alice.userId(), ServerFrame.Presence::online, "alice online, on connect");

            bobPhone.connection().typing(chat, true);
            TestDevice.await(() -> aliceLaptop.typings().contains(new ServerFrame.Typing(chat, bob.userId(), true)),
                    "alice sees bob typing across nodes; has %s", aliceLaptop.typings());

            // bob moves to the other node at once: no offline-online flap
            int seen = aliceLaptop.presencesOf(bob.userId()).size();
            bobPhone.close();
            TestDevice bobMoved = TestDevice.connect(onNode0, bob);
            Thread.sleep(3000);
            assertThat(aliceLaptop.presencesOf(bob.userId())).as("no flap on a move").hasSize(seen);

            bobMoved.close();
            long closedAt = System.currentTimeMillis();
            ServerFrame.Presence offline = aliceLaptop.awaitPresence(bob.userId(), p -> !p.online(), "offline");
            assertThat(offline.lastSeen()).isBetween(connectedAt, closedAt + 500);
            List<ServerFrame.Presence> all = aliceLaptop.presencesOf(bob.userId());
            assertThat(all.stream().filter(p -> !p.online()).count()).as("offline once (after the first snapshot)")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void privacyChangedOnOneNodeHoldsOnTheOtherAndStrangersNeverGetPresence() throws Exception {
        HttpProbe http = new HttpProbe(cluster.node(1));
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse stranger = http.newUser("stranger");
        http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(onNode0, alice);
             TestDevice strangerLaptop = TestDevice.connect(onNode0, stranger);
             TestDevice bobPhone = TestDevice.connect(onNode1, bob)) {
            aliceLaptop.awaitPresence(bob.userId(), ServerFrame.Presence::online, "bob online, from node 2");

            // bob chooses "nobody" through node 2: alice, on node 1, loses his presence, and he hers
            HttpProbe.Answer set = http.call("PUT", "/api/me/privacy", "{\"presence\":\"nobody\"}", bob.token());
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            aliceLaptop.awaitPresence(bob.userId(), p -> !p.online() && p.lastSeen() == null, "bob hidden");
            bobPhone.awaitPresence(alice.userId(), p -> !p.online() && p.lastSeen() == null, "alice hidden from bob");
            int aliceSaw = aliceLaptop.presencesOf(bob.userId()).size();

            bobPhone.close();
            try (TestDevice bobAgain = TestDevice.connect(onNode1, bob)) {
                bobAgain.connection().listChats(null, 1).get(30, TimeUnit.SECONDS);
                Thread.sleep(3000);
                assertThat(aliceLaptop.presencesOf(bob.userId())).as("nothing about bob on nobody, from any node")
                        .hasSize(aliceSaw);
                assertThat(bobAgain.presencesOf(alice.userId())).as("bob on nobody sees nobody").isEmpty();
            }
            assertThat(strangerLaptop.presences()).as("a stranger never gets presence").isEmpty();
        }
    }
}
