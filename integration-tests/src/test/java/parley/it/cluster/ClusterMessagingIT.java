package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.ServerProcess;
import parley.it.kit.TestCluster;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessagePage;

/**
 * Users on different nodes chat exactly as on one server: acks, pushes across nodes, receipts,
 * and the same history from every node and through the load balancer.
 */
class ClusterMessagingIT {
    private static TestCluster cluster;
    private static final List<ParleyClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3);
        for (int i = 0; i < 3; i++) {
            clients.add(ParleyClient.create(ClientOptions.builder(cluster.node(i)).build()));
        }
        clients.add(ParleyClient.create(ClientOptions.builder(cluster.http()).build()));
    }

    @AfterAll
    static void stop() {
        clients.forEach(ParleyClient::close);
        cluster.close();
    }

    @Test
    void twoUsersOnDifferentNodesChatAndAThirdDeviceOnAThirdNodeSeesTheSameHistory() throws Exception {
        HttpProbe http = new HttpProbe(cluster.node(0));
        LoginResponse aliceLogin = http.newUser("alice");
        LoginResponse bobLogin = http.newUser("bob");
        LoginResponse bobTablet = new HttpProbe(cluster.node(2)).login(bobLogin.username(), "tablet");
        try (TestDevice alice = TestDevice.connect(clients.get(0), aliceLogin);
             TestDevice bob = TestDevice.connect(clients.get(1), bobLogin);
             TestDevice tablet = TestDevice.connect(clients.get(2), bobTablet)) {
            long chat = alice.connection().openChat(bobLogin.username()).get(30, TimeUnit.SECONDS).chatId();

            ServerFrame.Ack ack = alice.connection().send(chat, "hello from node 1").get(30, TimeUnit.SECONDS);
            assertThat(ack.seq()).isEqualTo(1);
            assertThat(bob.awaitMessages(chat, 1).getFirst().text()).isEqualTo("hello from node 1");
            assertThat(tablet.awaitMessages(chat, 1).getFirst().seq()).isEqualTo(1);
            alice.awaitWatermark(chat, bobLogin.userId(), 1, 0);

            bob.connection().markRead(chat, 1);
            alice.awaitWatermark(chat, bobLogin.userId(), 1, 1);
            tablet.awaitWatermark(chat, bobLogin.userId(), 1, 1);

            ServerFrame.Ack reply = tablet.connection().send(chat, "hello from node 3").get(30, TimeUnit.SECONDS);
            assertThat(reply.seq()).isEqualTo(2);
            assertThat(alice.awaitMessages(chat, 2).get(1).text()).isEqualTo("hello from node 3");
            assertThat(bob.awaitMessages(chat, 2)).isEqualTo(alice.messages(chat));
            assertThat(tablet.awaitMessages(chat, 2)).isEqualTo(alice.messages(chat));

            for (ParleyClient client : clients) {
                MessagePage page = client.http().history(aliceLogin.token(), chat, null, null, 10);
                assertThat(page.messages()).extracting(ChatMessage::text)
                        .containsExactly("hello from node 1", "hello from node 3");
            }
        }
    }

    @Test
    void aNodeAddedToARunningClusterServesAtOnce() throws Exception {
        java.util.Map<String, String> settings = new java.util.HashMap<>(cluster.settings());
        settings.put("cluster.node-id", "node4");
        try (ServerProcess added = ServerProcess.start(settings);
             ParleyClient onAdded = ParleyClient.create(ClientOptions.builder(added.http()).build())) {
            HttpProbe http = new HttpProbe(added.http());
            LoginResponse erin = http.newUser("erin");
            LoginResponse frank = new HttpProbe(cluster.node(0)).newUser("frank");
            try (TestDevice newcomer = TestDevice.connect(onAdded, erin);
                 TestDevice old = TestDevice.connect(clients.get(0), frank)) {
                long chat = newcomer.connection().openChat(frank.username()).get(30, TimeUnit.SECONDS).chatId();
                newcomer.connection().send(chat, "hello from the new node").get(30, TimeUnit.SECONDS);
                assertThat(old.awaitMessages(chat, 1).getFirst().text()).isEqualTo("hello from the new node");
                old.connection().send(chat, "welcome").get(30, TimeUnit.SECONDS);
                assertThat(newcomer.awaitMessages(chat, 2).get(1).text()).isEqualTo("welcome");
            }
        }
    }

    @Test
    void clientsOfTheLoadBalancerChatToo() throws Exception {
        ParleyClient viaBalancer = clients.get(3);
        HttpProbe http = new HttpProbe(cluster.http());
        LoginResponse carolLogin = http.newUser("carol");
        LoginResponse daveLogin = http.newUser("dave");
        try (TestDevice carol = TestDevice.connect(viaBalancer, carolLogin);
             TestDevice dave = TestDevice.connect(viaBalancer, daveLogin)) {
            long chat = carol.connection().openChat(daveLogin.username()).get(30, TimeUnit.SECONDS).chatId();
            for (int i = 1; i <= 20; i++) {
                carol.connection().send(chat, "through the balancer " + i);
            }
            List<ChatMessage> seen = dave.awaitMessages(chat, 20);
            assertThat(seen).extracting(ChatMessage::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        }
    }
}
