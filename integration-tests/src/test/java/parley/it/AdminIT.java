package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestDevice;
import parley.it.kit.TestServer;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.ProvisionResponse;
import parley.protocol.api.ProvisionedUser;
import parley.protocol.api.ServerStats;
import parley.protocol.api.UserInfo;

/**
 * The operator's endpoints, as an operator and the load tool use them: bulk provisioning (accounts
 * that work through their device tokens and cannot log in with a password) and the node's
 * self-report; and every way to get them wrong, each with its code, the server going on.
 */
class AdminIT {
    private static final String SECRET = "operator-secret-for-tests-0123456789";

    private static TestServer server;
    private static HttpProbe http;
    private static ParleyClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("admin.secret", SECRET));
        http = new HttpProbe(server.http());
        client = ParleyClient.create(ClientOptions.builder(server.http()).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static String prefix() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    private static HttpProbe.Answer provision(String prefix, long first, int count, String secret) {
        return http.call("POST", "/api/admin/provision", "{\"prefix\":\"" + prefix + "\",\"first\":" + first
                + ",\"count\":" + count + ",\"deviceName\":\"load\"}", secret);
    }

    private static void assertError(HttpProbe.Answer answer, int status, ErrorCode code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error().code()).isEqualTo(code);
        assertThat(answer.error().message()).isNotBlank();
    }

    @Test
    void provisionedAccountsWorkThroughTheirTokensAndTalkToEachOther() {
        String prefix = prefix();
        HttpProbe.Answer answer = provision(prefix, 0, 2_000, SECRET);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        ProvisionResponse response = answer.as(ProvisionResponse.class);
        assertThat(response.users()).hasSize(2_000);
        assertThat(response.users()).extracting(ProvisionedUser::username).startsWith(prefix + "0", prefix + "1")
                .endsWith(prefix + "1999").doesNotHaveDuplicates();
        ProvisionedUser first = response.users().getFirst();
        ProvisionedUser last = response.users().getLast();
        assertThat(http.call("GET", "/api/me", null, last.token()).as(UserInfo.class))
                .isEqualTo(new UserInfo(last.userId(), last.username()));

        long chatId = http.openChat(first.token(), last.username());
        try (TestDevice a = TestDevice.connect(client, login(first));
             TestDevice b = TestDevice.connect(client, login(last))) {
            a.connection().send(chatId, UUID.randomUUID(), "hello from a provisioned account");
            assertThat(b.awaitMessages(chatId, 1).getFirst().text()).isEqualTo("hello from a provisioned account");
        }
    }

    @Test
    void aProvisionedAccountCannotLogInWithAnyPassword() {
        String prefix = prefix();
        provision(prefix, 0, 1, SECRET);

        for (String password : new String[] {"!no-password", "", "correct horse battery staple"}) {
            assertError(http.post("/api/login", "{\"username\":\"" + prefix + "0\",\"password\":\"" + password + "\"}"),
                    401, ErrorCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void consecutiveBatchesContinueTheNumbering() {
        String prefix = prefix();
        assertThat(provision(prefix, 0, 10, SECRET).status()).isEqualTo(200);
        ProvisionResponse next = provision(prefix, 10, 10, SECRET).as(ProvisionResponse.class);

        assertThat(next.users().getFirst().username()).isEqualTo(prefix + "10");
    }

    @Test
    void aMissingOrWrongSecretIsUnauthorizedOnEveryAdminRoute() {
        assertError(provision(prefix(), 0, 1, null), 401, ErrorCode.UNAUTHORIZED);
        assertError(provision(prefix(), 0, 1, SECRET + "x"), 401, ErrorCode.UNAUTHORIZED);
        assertError(provision(prefix(), 0, 1, SECRET.substring(1)), 401, ErrorCode.UNAUTHORIZED);
        LoginResponse user = http.newUser("plain");
        assertError(provision(prefix(), 0, 1, user.token()), 401, ErrorCode.UNAUTHORIZED);
        assertError(http.call("GET", "/api/admin/stats", null, null), 401, ErrorCode.UNAUTHORIZED);
        assertError(http.call("GET", "/api/admin/nothing", null, null), 401, ErrorCode.UNAUTHORIZED);
    }

    @Test
    void tooManyAtOnceOrABadBatchIsRefusedAndCreatesNothing() {
        String prefix = prefix();
        assertError(provision(prefix, 0, 10_001, SECRET), 400, ErrorCode.INVALID_REQUEST);
        assertError(provision(prefix, 0, 0, SECRET), 400, ErrorCode.INVALID_REQUEST);
        assertError(provision(prefix, -1, 5, SECRET), 400, ErrorCode.INVALID_REQUEST);
        assertError(provision("9starts_with_digit", 0, 5, SECRET), 400, ErrorCode.INVALID_USERNAME);
        assertError(provision("x".repeat(30), 0, 1_000, SECRET), 400, ErrorCode.INVALID_USERNAME);
        assertError(http.call("POST", "/api/admin/provision", "{\"prefix\":", SECRET), 400, ErrorCode.BAD_JSON);
        assertError(http.call("POST", "/api/admin/provision", "[]", SECRET), 400, ErrorCode.INVALID_REQUEST);
        assertError(http.call("GET", "/api/admin/provision", null, SECRET), 405, ErrorCode.METHOD_NOT_ALLOWED);
        assertError(http.call("POST", "/api/admin/stats", "{}", SECRET), 405, ErrorCode.METHOD_NOT_ALLOWED);
        assertError(http.call("GET", "/api/admin/nothing", null, SECRET), 404, ErrorCode.NOT_FOUND);
        assertThat(provision(prefix, 0, 5, SECRET).status()).as("nothing of the refused batches was created").isEqualTo(200);
    }

    @Test
    void aBatchWithATakenNameIsRefusedWhole() {
        String prefix = prefix();
        assertThat(provision(prefix, 5, 1, SECRET).status()).isEqualTo(200);

        HttpProbe.Answer refused = provision(prefix, 0, 10, SECRET);

        assertError(refused, 409, ErrorCode.USERNAME_TAKEN);
        assertThat(refused.error().message()).contains(prefix + "5");
        assertThat(provision(prefix, 0, 5, SECRET).status()).as("the batch was rolled back").isEqualTo(200);
    }

    @Test
    void theSelfReportCountsSessionsAndMemory() {
        ProvisionResponse users = provision(prefix(), 0, 3, SECRET).as(ProvisionResponse.class);
        ServerStats before = http.call("GET", "/api/admin/stats", null, SECRET).as(ServerStats.class);
        try (TestDevice a = TestDevice.connect(client, login(users.users().get(0)));
             TestDevice b = TestDevice.connect(client, login(users.users().get(1)));
             TestDevice c = TestDevice.connect(client, login(users.users().get(2)))) {
            ServerStats during = http.call("GET", "/api/admin/stats", null, SECRET).as(ServerStats.class);

            assertThat(during.sessions()).isEqualTo(before.sessions() + 3);
            assertThat(during.onlineUsers()).isEqualTo(before.onlineUsers() + 3);
            assertThat(during.heapUsedBytes()).isPositive().isLessThanOrEqualTo(during.heapCommittedBytes());
            assertThat(during.residentBytes()).as("VmRSS, on Linux").isGreaterThan(during.heapUsedBytes() / 4);
            assertThat(during.threads()).isPositive();
            assertThat(during.uptimeMillis()).isPositive();
        }
    }

    @Test
    void withoutASecretTheAdminRoutesDoNotExist() {
        try (TestServer plain = TestServer.start()) {
            HttpProbe probe = new HttpProbe(plain.http());
            assertError(probe.call("POST", "/api/admin/provision", "{\"prefix\":\"a_\",\"first\":0,\"count\":1}", "anything"),
                    404, ErrorCode.NOT_FOUND);
            assertError(probe.call("GET", "/api/admin/stats", null, null), 404, ErrorCode.NOT_FOUND);
        }
    }

    private static LoginResponse login(ProvisionedUser user) {
        return new LoginResponse(user.token(), user.userId(), user.username(), user.deviceId());
    }
}
