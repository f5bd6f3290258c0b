package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.TestServer;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;

/** Every bad input on the HTTP API: a clear status and code, and the server goes on. */
class HttpBadInputIT {
    private static TestServer server;
    private static HttpProbe http;
    private static LoginResponse alice;

    @BeforeAll
    static void start() {
        // every test here guesses from 127.0.0.1: the failures per address (tested in LoginFloodAbuseIT) are raised
        server = TestServer.start(java.util.Map.of("auth.login-failures-per-address.burst", "1000"));
        http = new HttpProbe(server.http());
        alice = http.newUser("alice");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(HttpProbe.Answer answer, int status, ErrorCode code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error().code()).isEqualTo(code);
        assertThat(answer.error().message()).isNotBlank();
    }

    @Test
    void aTakenNameInAnyCaseIsRefused() {
        assertError(http.post("/api/register", "{\"username\":\"" + alice.username().toUpperCase()
                + "\",\"password\":\"long enough pass\"}"), 409, ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void weakPasswordsAndBadNamesAreRefused() {
        assertError(http.post("/api/register", "{\"username\":\"dave\",\"password\":\"short\"}"), 400,
                ErrorCode.WEAK_PASSWORD);
        assertError(http.post("/api/register", "{\"username\":\"dave\",\"password\":\"        \"}"), 400,
                ErrorCode.WEAK_PASSWORD);
        for (String name : List.of("ab", "9lives", "has space", "x".repeat(33), "semi;colon", "émile")) {
            assertError(http.post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"long enough pass\"}"),
                    400, ErrorCode.INVALID_USERNAME);
        }
        assertThat(http.post("/api/login", "{\"username\":\"dave\",\"password\":\"short\"}").status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswerInAboutTheSameTime() {
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        HttpProbe.Answer wrongAnswer = null;
        HttpProbe.Answer unknownAnswer = null;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            wrongAnswer = http.post("/api/login", "{\"username\":\"" + alice.username() + "\",\"password\":\"not the password\"}");
            long t1 = System.nanoTime();
            unknownAnswer = http.post("/api/login", "{\"username\":\"nobody_here\",\"password\":\"not the password\"}");
            long t2 = System.nanoTime();
            wrong.add(t1 - t0);
            unknown.add(t2 - t1);
        }
        assertError(wrongAnswer, 401, ErrorCode.INVALID_CREDENTIALS);
        assertThat(unknownAnswer.body()).isEqualTo(wrongAnswer.body());
        // Both verify an Argon2id hash; an unknown user that skipped it would answer many times faster.
        long wrongMedian = wrong.stream().sorted().toList().get(2);
        long unknownMedian = unknown.stream().sorted().toList().get(2);
        assertThat(unknownMedian).isGreaterThan(wrongMedian / 4);
        assertThat(wrongMedian).isGreaterThan(unknownMedian / 4);
    }

    @Test
    void tenWrongPasswordsLockAnAccountsLoginsFromThisAddressForAWhile() {
        LoginResponse target = http.newUser("target");
        for (int i = 0; i < 10; i++) {
            assertError(http.post("/api/login", "{\"username\":\"" + target.username() + "\",\"password\":\"guess number "
                    + i + "\"}"), 401, ErrorCode.INVALID_CREDENTIALS);
        }
        HttpProbe.Answer locked = http.post("/api/login", "{\"username\":\"" + target.username()
                + "\",\"password\":\"correct horse battery\"}");
        assertError(locked, 429, ErrorCode.RATE_LIMITED);
        assertThat(locked.error().retryAfterMs()).isPositive();
        assertThat(http.call("GET", "/api/me", null, target.token()).status()).as("existing devices go on").isEqualTo(200);
    }

    @Test
    void madeUpNamesGetNoRecordOfTheirOwnAndOverlongOnesAreRefusedAtOnce() {
        for (int i = 0; i < 11; i++) {
            assertError(http.post("/api/login", "{\"username\":\"nobody_by_that_name\",\"password\":\"guess number " + i
                    + "\"}"), 401, ErrorCode.INVALID_CREDENTIALS);
        }
        assertError(http.post("/api/login", "{\"username\":\"" + "n".repeat(33) + "\",\"password\":\"guess number 1\"}"),
                401, ErrorCode.INVALID_CREDENTIALS);
        assertError(http.post("/api/login", "{\"username\":\"nobody\",\"password\":\"" + "p".repeat(257) + "\"}"),
                401, ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void brokenBodiesAreRefused() {
        assertError(http.post("/api/register", "{not json"), 400, ErrorCode.BAD_JSON);
        assertError(http.post("/api/register", "{\"username\":\"erin\"}"), 400, ErrorCode.INVALID_REQUEST);
        assertError(http.post("/api/register", "{\"username\":42,\"password\":\"long enough pass\"}"), 400,
                ErrorCode.INVALID_REQUEST);
        assertError(http.post("/api/register", "[]"), 400, ErrorCode.INVALID_REQUEST);
        assertError(http.post("/api/register", ""), 400, ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        String huge = "{\"username\":\"frank\",\"password\":\"" + "p".repeat(100 * 1024) + "\"}";
        assertError(http.post("/api/register", huge), 413, ErrorCode.BODY_TOO_LARGE);
        assertThat(http.call("GET", "/healthz", null, null).status()).isEqualTo(200);
    }

    @Test
    void callsWithoutAValidTokenAreRefused() {
        assertError(http.call("GET", "/api/chats", null, null), 401, ErrorCode.UNAUTHORIZED);
        assertError(http.call("GET", "/api/chats", null, "forged"), 401, ErrorCode.UNAUTHORIZED);
        assertError(http.call("GET", "/api/devices", null, ""), 401, ErrorCode.UNAUTHORIZED);
    }

    @Test
    void unknownRoutesWrongMethodsAndBadParametersAreRefused() {
        assertError(http.call("GET", "/api/nothing", null, alice.token()), 404, ErrorCode.NOT_FOUND);
        assertError(http.call("GET", "/api/register", null, null), 405, ErrorCode.METHOD_NOT_ALLOWED);
        assertError(http.call("GET", "/api/chats/abc/messages", null, alice.token()), 404, ErrorCode.NOT_FOUND);
        assertError(http.call("GET", "/api/chats?limit=lots", null, alice.token()), 400, ErrorCode.INVALID_REQUEST);
        assertError(http.call("GET", "/api/chats?limit=0", null, alice.token()), 400, ErrorCode.INVALID_REQUEST);
        assertError(http.call("GET", "/api/chats?before=garbage", null, alice.token()), 400, ErrorCode.INVALID_REQUEST);
        assertError(http.call("POST", "/api/chats/direct", "{\"username\":\"no_such_user\"}", alice.token()), 404,
                ErrorCode.NOT_FOUND);
        assertError(http.call("DELETE", "/api/devices/999999", null, alice.token()), 404, ErrorCode.NOT_FOUND);
        assertError(http.call("GET", "/nowhere", null, null), 404, ErrorCode.NOT_FOUND);
    }
}
