package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestDevice;
import parley.protocol.ErrorCode;
import parley.protocol.api.ErrorResponse;
import parley.protocol.api.LoginResponse;

/**
 * Long-polling sessions opened in bulk and never polled: each may hold its queue of frames until it
 * expires, so they are bounded per device and per node. The attacker is refused past the bounds
 * (429 rate_limited per device, 503 overloaded per node, both with a retry hint), the node stays
 * healthy and small, a bystander keeps chatting, and the abandoned sessions expire and give their
 * memory back.
 */
class LongPollAbuseIT {
    private static final int PER_DEVICE = 3;
    private static final int PER_NODE = 12;
    private static AbuseNode node;
    private static Bystander bystander;

    @BeforeAll
    static void start() {
        node = AbuseNode.start(Map.of("gateway.long-poll-sessions-per-device", Integer.toString(PER_DEVICE),
                "gateway.max-long-poll-sessions", Integer.toString(PER_NODE),
                "gateway.long-poll-idle-seconds", "3"));
        bystander = new Bystander(node);
    }

    @AfterAll
    static void stop() {
        bystander.close();
        node.close();
    }

    @Test
    void sessionsAreBoundedPerDeviceAndPerNodeAndAbandonedOnesExpire() {
        HttpProbe http = node.probe();
        LoginResponse attacker = http.newUser("poller");
        List<HttpProbe.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(http.call("POST", "/api/poll/sessions", null, attacker.token()));
        }
        assertThat(answers.stream().filter(a -> a.status() == 201).count()).isEqualTo(PER_DEVICE);
        HttpProbe.Answer refused = answers.getLast();
        assertThat(refused.status()).isEqualTo(429);
        ErrorResponse error = refused.error();
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error.retryAfterMs()).isPositive();
        bystander.isServed();

        // more devices of the same account: each has its own bound, the node one for all
        int opened = PER_DEVICE;
        HttpProbe.Answer overloaded = null;
        for (int device = 0; device < 6 && overloaded == null; device++) {
            LoginResponse another = http.login(attacker.username(), "poller " + device);
            for (int i = 0; i < PER_DEVICE; i++) {
                HttpProbe.Answer answer = http.call("POST", "/api/poll/sessions", null, another.token());
                if (answer.status() == 201) {
                    opened++;
                } else {
                    overloaded = answer;
                    break;
                }
            }
        }
        assertThat(opened).isEqualTo(PER_NODE);
        assertThat(overloaded).isNotNull();
        assertThat(overloaded.status()).isEqualTo(503);
        assertThat(overloaded.error().code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(overloaded.error().retryAfterMs()).isPositive();

        bystander.isServed();
        assertThat(node.healthy()).isTrue();
        assertThat(node.heldBytes()).isLessThan(AbuseNode.HEAP_MIB * 1024L * 1024 * 3 / 4);

        // nobody polls them: they expire, and a new one opens again
        TestDevice.await(() -> http.call("POST", "/api/poll/sessions", null, attacker.token()).status() == 201,
                "an abandoned session expired and a new one opened");
        assertThat(node.isAlive()).isTrue();
        bystander.nothingAckedIsLost();
    }
}
