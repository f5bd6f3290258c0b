package parley.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import parley.protocol.api.MemberReceipt;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.SystemEventType;

/**
 * A group whose members sit on the three different nodes of a cluster (PostgreSQL, Redis,
 * HAProxy): messages sent concurrently from every node, system messages, per-member receipts and
 * message info, a member added on one node and one removed on another; every device sees the same
 * sequence and the removed member gets nothing after the removal.
 */
class GroupClusterIT {
    private static TestCluster cluster;
    private static final List<ParleyClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3);
        for (int i = 0; i < 3; i++) {
            clients.add(ParleyClient.create(ClientOptions.builder(cluster.node(i)).build()));
        }
    }

    @AfterAll
    static void stop() {
        clients.forEach(ParleyClient::close);
        cluster.close();
    }

    private static SystemEventType event(ChatMessage message) {
        return message.event() == null ? null : message.event().type();
    }

    @Test
    void aGroupAcrossThreeNodesChatsWithReceiptsAndMembershipChanges() throws Exception {
        HttpProbe http = new HttpProbe(cluster.http());
        List<LoginResponse> users = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            users.add(http.newUser(name));
        }
        LoginResponse alice = users.get(0);
        LoginResponse bob = users.get(1);
        LoginResponse carol = users.get(2);
        LoginResponse dave = users.get(3);
        long id = clients.get(0).http().createGroup(alice.token(), "Across the cluster",
                List.of(bob.userId(), carol.userId()), false).chatId();

        List<TestDevice> devices = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                devices.add(TestDevice.connect(clients.get(i), users.get(i)));
            }
            TestDevice daveDevice = TestDevice.connect(clients.get(2), dave);
            TestDevice aliceDevice = devices.get(0);
            TestDevice bobDevice = devices.get(1);
            TestDevice carolDevice = devices.get(2);

            List<CompletableFuture<ServerFrame.Ack>> acks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                for (int n = 0; n < 3; n++) {
                    acks.add(devices.get(n).connection().send(id, "node" + n + ":" + i));
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<ChatMessage> reference = aliceDevice.awaitMessages(id, 91);
            assertThat(bobDevice.awaitMessages(id, 91)).isEqualTo(reference);
            assertThat(carolDevice.awaitMessages(id, 91)).isEqualTo(reference);

            // receipts cross the nodes: alice (node 0) sees bob (node 1) and carol (node 2) read
            bobDevice.connection().markRead(id, 91);
            carolDevice.connection().markRead(id, 91);
            aliceDevice.awaitWatermark(id, bob.userId(), 91, 91);
            aliceDevice.awaitWatermark(id, carol.userId(), 91, 91);
            long aliceMessage = reference.stream().filter(m -> m.senderId() == alice.userId()).findFirst()
                    .orElseThrow().seq();
            assertThat(clients.get(1).http().messageInfo(bob.token(), id, aliceMessage).members())
                    .extracting(MemberReceipt::userId, MemberReceipt::read)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.userId(), true),
                            org.assertj.core.groups.Tuple.tuple(carol.userId(), true));

            // dave is added through node 1, carol removed through node 2; then alice writes on node 0
            clients.get(1).http().addMembers(alice.token(), id, List.of(dave.userId()));
            clients.get(2).http().removeMember(alice.token(), id, carol.userId());
            long last = aliceDevice.connection().send(id, "after the changes").get(30, TimeUnit.SECONDS).seq();
            assertThat(last).isEqualTo(94);
            List<ChatMessage> all = bobDevice.awaitMessages(id, 94);
            assertThat(all.subList(91, 94)).extracting(GroupClusterIT::event)
                    .containsExactly(SystemEventType.ADDED, SystemEventType.REMOVED, null);
            assertThat(aliceDevice.awaitMessages(id, 94)).isEqualTo(all);
            assertThat(daveDevice.awaitMessages(id, 3)).isEqualTo(all.subList(91, 94));
            carolDevice.awaitMessages(id, 93);
            Thread.sleep(500);
            assertThat(carolDevice.messages(id)).isEqualTo(all.subList(0, 93));
            daveDevice.close();
        } finally {
            devices.forEach(TestDevice::close);
        }
    }
}
