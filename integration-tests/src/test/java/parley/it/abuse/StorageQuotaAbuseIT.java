package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.StorageUsage;
import parley.protocol.frame.ServerFrame;

/**
 * A client that stores as much as it can (long texts, as fast as acks come) stops at its quota of
 * stored bytes with {@code quota_exceeded} on the send that does not fit; everybody else goes on;
 * the operator sees what the user stores and can give them more room.
 */
class StorageQuotaAbuseIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final int QUOTA_MIB = 1;
    private static AbuseNode node;
    private static Bystander bystander;

    @BeforeAll
    static void start() {
        node = AbuseNode.start(Map.of("quota.stored-mib-per-user", Integer.toString(QUOTA_MIB)));
        bystander = new Bystander(node);
    }

    @AfterAll
    static void stop() {
        bystander.close();
        node.close();
    }

    @Test
    void aUserWhoFillsTheirQuotaIsRefusedUntilTheOperatorGivesMoreRoom() {
        HttpProbe http = node.probe();
        LoginResponse hoarder = http.newUser("hoarder");
        LoginResponse friend = http.newUser("friend");
        long chat = http.openChat(hoarder.token(), friend.username());
        String text = "q".repeat(60 * 1024);
        try (RawSocket socket = RawSocket.connect(node.ws(), hoarder.token())) {
            socket.next(ServerFrame.Ready.class);
            ServerFrame.Error refusal = null;
            int acked = 0;
            for (int i = 0; i < 200 && refusal == null; i++) {
                String id = UUID.randomUUID().toString();
                socket.send("{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + chat + ",\"text\":\"" + text + "\"}");
                ServerFrame answer = socket.next(ServerFrame.class, f -> f instanceof ServerFrame.Ack a
                        && a.clientMsgId().toString().equals(id) || f instanceof ServerFrame.Error e && id.equals(e.ref()));
                if (answer instanceof ServerFrame.Error error) {
                    refusal = error;
                } else {
                    acked++;
                }
                if (i % 10 == 0) {
                    bystander.sendAndAwaitAck();
                }
            }
            assertThat(refusal).as("refused within 200 sends of 60 KiB").isNotNull();
            assertThat(refusal.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            // the figure a node checks may lag by what was in flight: never by more than a few sends
            assertThat(acked * 60L * 1024).isBetween(QUOTA_MIB * 1024L * 1024 - 120 * 1024, QUOTA_MIB * 1024L * 1024 + 240 * 1024);
            bystander.isServed();

            StorageUsage usage = quota(hoarder.username());
            assertThat(usage.storedBytes()).isEqualTo(acked * 60L * 1024);
            assertThat(usage.quotaBytes()).isEqualTo(QUOTA_MIB * 1024L * 1024);
            assertThat(usage.own()).isFalse();

            HttpProbe.Answer raised = http.call("PUT", "/api/admin/users/" + hoarder.username() + "/quota",
                    "{\"quotaBytes\":" + 4L * 1024 * 1024 + "}", AbuseNode.SECRET);
            assertThat(raised.status()).isEqualTo(200);
            assertThat(CODEC.read(raised.body(), StorageUsage.class).own()).isTrue();
            String id = UUID.randomUUID().toString();
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + chat + ",\"text\":\"room again\"}");
            assertThat(socket.next(ServerFrame.Ack.class, a -> a.clientMsgId().toString().equals(id)).seq())
                    .isEqualTo(acked + 1);
        }
        assertThat(http.call("GET", "/api/admin/users/nobody_at_all/quota", null, AbuseNode.SECRET).status())
                .isEqualTo(404);
        assertThat(http.call("GET", "/api/admin/users/" + hoarder.username() + "/quota", null, hoarder.token()).status())
                .as("only the operator").isEqualTo(401);
        bystander.nothingAckedIsLost();
        assertThat(node.isAlive()).isTrue();
    }

    private static StorageUsage quota(String username) {
        HttpProbe.Answer answer = node.probe().call("GET", "/api/admin/users/" + username + "/quota", null,
                AbuseNode.SECRET);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return CODEC.read(answer.body(), StorageUsage.class);
    }
}
