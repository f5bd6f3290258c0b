package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.protocol.ErrorCode;
import parley.protocol.api.ProvisionResponse;
import parley.protocol.api.ProvisionedUser;

/**
 * One account making groups as fast as it can: it used to make 520 groups of 1,024 members in
 * 15 s, every member receiving each. Now a user creates 10 groups at once and then 30 an hour, and
 * puts 2,048 members into groups at once and then 4,096 an hour; past that, {@code rate_limited}
 * (429) with a retry hint.
 */
class GroupFloodAbuseIT {
    private static final long HELD_BOUND = 128L * 1024 * 1024;

    @Test
    void bigGroupsAndManyGroupsAreRateLimitedPerUser() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of()); Bystander bystander = new Bystander(node)) {
            HttpProbe http = node.probe();
            HttpProbe.Answer provisioned = http.call("POST", "/api/admin/provision",
                    "{\"prefix\":\"member\",\"first\":1,\"count\":1030,\"deviceName\":\"d\"}", AbuseNode.SECRET);
            assertThat(provisioned.status()).as("%s", provisioned).isIn(200, 201);
            List<ProvisionedUser> users = provisioned.as(ProvisionResponse.class).users();
            ProvisionedUser big = users.get(0);
            ProvisionedUser many = users.get(1);
            String bigMembers = users.subList(2, 1025).stream().map(u -> Long.toString(u.userId()))
                    .collect(Collectors.joining(","));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int bigGroups = 0;
            HttpProbe.Answer refused = null;
            while (bigGroups < 50 && System.nanoTime() < deadline) {
                HttpProbe.Answer answer = http.call("POST", "/api/groups",
                        "{\"title\":\"big " + bigGroups + "\",\"memberIds\":[" + bigMembers + "]}", big.token());
                if (answer.status() != 201) {
                    refused = answer;
                    break;
                }
                bigGroups++;
                bystander.isServed();
            }
            System.out.println(bigGroups + " groups of 1,024 before the refusal: " + refused);
            assertThat(bigGroups).as("2,048 members at once: two groups of 1,023 others").isEqualTo(2);
            assertRateLimited(refused);

            int smallGroups = 0;
            refused = null;
            while (smallGroups < 100 && System.nanoTime() < deadline) {
                HttpProbe.Answer answer = http.call("POST", "/api/groups",
                        "{\"title\":\"small " + smallGroups + "\",\"memberIds\":[" + users.get(1026).userId() + "]}",
                        many.token());
                if (answer.status() != 201) {
                    refused = answer;
                    break;
                }
                smallGroups++;
            }
            System.out.println(smallGroups + " small groups before the refusal: " + refused);
            assertThat(smallGroups).as("10 groups at once (one more may have come back meanwhile)").isBetween(10, 11);
            assertRateLimited(refused);

            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            long held = node.heldBytes();
            System.out.println("held after the group flood: " + held / (1024 * 1024) + " MiB");
            assertThat(held).isLessThan(HELD_BOUND);
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    private static void assertRateLimited(HttpProbe.Answer answer) {
        assertThat(answer).isNotNull();
        assertThat(answer.status()).as("%s", answer).isEqualTo(429);
        assertThat(answer.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(answer.error().retryAfterMs()).isPositive();
    }
}
