package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.HttpProbe;
import parley.it.kit.ServerSettings;
import parley.it.kit.TestDevice;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.MemberReceipt;
import parley.protocol.api.UserInfo;
import parley.protocol.model.ChatMessage;

/**
 * A group at its size limit, members created through the API, {@value #CONNECTED} of them
 * connected: one past the limit is refused with nothing changed; one message reaches each connected
 * member's session exactly once; the chat holds one stored copy of it; message info lists every
 * other member. The limit is the default, 1,024. Every registration costs an Argon2id hash, so the
 * set-up takes a while; only the connected members log in. A thousand people register from one
 * address here (in life they come from a thousand), so the registrations per address are raised.
 */
@ServerSettings({"auth.registrations-per-address.burst=2000", "auth.logins-per-address.burst=500"})
class GroupLimitIT extends EmbeddedServerTest {
    private static final int LIMIT = 1024;
    private static final int CONNECTED = 64;
    private static final String PASSWORD = "limit test password 1";

    private static UserInfo register() {
        String name = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        HttpProbe.Answer answer = http.post("/api/register",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
        if (answer.status() != 201) {
            throw new IllegalStateException("register failed: " + answer);
        }
        return answer.as(UserInfo.class);
    }

    @Test
    void aFullGroupGetsEachMessageOnceOnEverySession() throws Exception {
        List<LoginResponse> connected = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LoginResponse>> logins = new ArrayList<>();
            for (int i = 0; i < CONNECTED; i++) {
                logins.add(pool.submit(() -> http.newUser("c")));
            }
            List<Future<UserInfo>> registered = new ArrayList<>();
            for (int i = 0; i < LIMIT - CONNECTED + 1; i++) {
                registered.add(pool.submit(GroupLimitIT::register));
            }
            for (Future<LoginResponse> login : logins) {
                connected.add(login.get(120, TimeUnit.SECONDS));
            }
            for (Future<UserInfo> user : registered) {
                others.add(user.get(120, TimeUnit.SECONDS).userId());
            }
        } finally {
            pool.shutdown();
        }
        LoginResponse admin = connected.getFirst();
        long extra = others.removeLast();
        List<Long> memberIds = new ArrayList<>(connected.subList(1, CONNECTED).stream().map(LoginResponse::userId).toList());
        memberIds.addAll(others);
        assertThat(memberIds).hasSize(LIMIT - 1);
        long id = client.http().createGroup(admin.token(), "Full house", memberIds, false).chatId();
        assertThat(client.http().groupMembers(admin.token(), id).members()).hasSize(LIMIT);

        // one past the limit: refused, nothing changed
        HttpProbe.Answer full = http.call("POST", "/api/chats/" + id + "/members", "{\"userIds\":[" + extra + "]}",
                admin.token());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.error().code().wire()).isEqualTo("group_full");
        assertThat(client.http().groupMembers(admin.token(), id).members()).hasSize(LIMIT);

        List<TestDevice> devices = new ArrayList<>();
        try {
            for (LoginResponse member : connected) {
                devices.add(TestDevice.connect(client, member));
            }
            long seq = devices.get(1).connection().send(id, "hello, all " + LIMIT).get(30, TimeUnit.SECONDS).seq();
            assertThat(seq).isEqualTo(2);
            for (TestDevice device : devices) {
                assertThat(device.awaitMessages(id, 2)).extracting(ChatMessage::seq).containsExactly(1L, 2L);
            }
            Thread.sleep(300); // a duplicate push would arrive now
            for (TestDevice device : devices) {
                assertThat(device.messages(id)).extracting(ChatMessage::text).containsExactly("", "hello, all " + LIMIT);
            }
            // one stored copy: the chat holds two messages (created, hello)
            assertThat(client.http().history(admin.token(), id, null, 0L, null).messages())
                    .extracting(ChatMessage::seq).containsExactly(1L, 2L);
            assertThat(client.http().chats(connected.getLast().token(), null, null).chats().getFirst().state().lastSeq())
                    .isEqualTo(2);
            // message info: every other member; the connected ones' devices reported delivery
            TestDevice.await(() -> client.http().messageInfo(admin.token(), id, 2).members().stream()
                    .filter(MemberReceipt::delivered).count() >= CONNECTED - 2, "the connected members' deliveries");
            assertThat(client.http().messageInfo(admin.token(), id, 2).members()).hasSize(LIMIT - 1);
        } finally {
            devices.forEach(TestDevice::close);
        }
    }
}
