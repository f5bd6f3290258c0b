package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.it.kit.TestServer;
import parley.protocol.ErrorCode;
import parley.protocol.api.DeviceList;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UserInfo;
import parley.protocol.frame.ServerFrame;

/** Register, log in on several devices, list and revoke them, log out. */
class AccountsIT {
    private static TestServer server;
    private static HttpProbe http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new HttpProbe(server.http());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachLoginIsADeviceThatCanBeListedAndRevoked() {
        LoginResponse laptop = http.newUser("gina");
        LoginResponse phone = http.login(laptop.username(), "phone");
        assertThat(phone.token()).isNotEqualTo(laptop.token());
        assertThat(phone.userId()).isEqualTo(laptop.userId());

        DeviceList devices = http.call("GET", "/api/devices", null, laptop.token()).as(DeviceList.class);
        assertThat(devices.devices()).extracting(d -> d.name()).containsExactly("test device", "phone");
        assertThat(devices.devices()).filteredOn(d -> d.current()).singleElement()
                .satisfies(d -> assertThat(d.deviceId()).isEqualTo(laptop.deviceId()));
        assertThat(http.call("GET", "/api/me", null, phone.token()).as(UserInfo.class).username())
                .isEqualTo(laptop.username());

        RawSocket phoneSocket = RawSocket.connect(server.ws(), phone.token());
        phoneSocket.next(ServerFrame.Ready.class);
        try (RawSocket laptopSocket = RawSocket.connect(server.ws(), laptop.token())) {
            laptopSocket.next(ServerFrame.Ready.class);

            assertThat(http.call("DELETE", "/api/devices/" + phone.deviceId(), null, laptop.token()).status())
                    .isEqualTo(204);

            assertThat(phoneSocket.next(ServerFrame.Error.class).code()).isEqualTo(ErrorCode.SESSION_REVOKED);
            assertThat(phoneSocket.awaitClose()).isEqualTo(new RawSocket.Closed(1008, "session_revoked"));
            assertThat(http.call("GET", "/api/me", null, phone.token()).status()).isEqualTo(401);
            laptopSocket.send("{\"type\":\"ping\",\"ref\":\"p\"}");
            assertThat(laptopSocket.next(ServerFrame.Pong.class).ref()).isEqualTo("p");
            assertThat(http.call("GET", "/api/devices", null, laptop.token()).as(DeviceList.class).devices())
                    .extracting(d -> d.deviceId()).containsExactly(laptop.deviceId());
        }
    }

    @Test
    void aUserCannotRevokeAnotherUsersDevice() {
        LoginResponse mallory = http.newUser("mallory");
        LoginResponse victim = http.newUser("victim");
        assertThat(http.call("DELETE", "/api/devices/" + victim.deviceId(), null, mallory.token()).status())
                .isEqualTo(404);
        assertThat(http.call("GET", "/api/me", null, victim.token()).status()).isEqualTo(200);
    }

    @Test
    void logOutClosesThatDevicesConnectionsAtOnce() {
        LoginResponse henry = http.newUser("henry");
        RawSocket first = RawSocket.connect(server.ws(), henry.token());
        RawSocket second = RawSocket.connect(server.ws(), henry.token());
        first.next(ServerFrame.Ready.class);
        second.next(ServerFrame.Ready.class);

        assertThat(http.call("POST", "/api/logout", null, henry.token()).status()).isEqualTo(204);

        assertThat(first.awaitClose().reason()).isEqualTo("session_revoked");
        assertThat(second.awaitClose().reason()).isEqualTo("session_revoked");
        assertThat(http.call("GET", "/api/me", null, henry.token()).status()).isEqualTo(401);
        assertThat(http.call("POST", "/api/logout", null, henry.token()).status()).isEqualTo(401);
    }
}
