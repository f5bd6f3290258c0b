package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a request is from: the peer, or behind a trusted proxy the address it forwarded. */
class ClientAddressesTest {

    private static EmbeddedChannel from(String address) {
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(address, 40000);
            }
        };
    }

    private static HttpHeaders forwarded(String... values) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (String value : values) {
            headers.add("X-Forwarded-For", value);
        }
        return headers;
    }

    @Test
    void aClientCannotChooseItsAddressButATrustedProxyTellsItsClients() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.5"));
        assertThat(addresses.client(from("203.0.113.7"), forwarded("198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(addresses.client(from("10.0.0.5"), forwarded("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(addresses.client(from("10.0.0.5"), forwarded("6.6.6.6, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(addresses.client(from("10.0.0.5"), forwarded("6.6.6.6", "198.51.100.2")))
                .as("the client's own header comes first, the proxy's last").isEqualTo("198.51.100.2");
        assertThat(addresses.client(from("10.0.0.5"), forwarded())).isEqualTo("10.0.0.5");
        assertThat(addresses.isTrustedProxy(from("10.0.0.5"))).isTrue();
        assertThat(addresses.isTrustedProxy(from("10.0.0.6"))).isFalse();
    }

    @Test
    void onlyAddressesCanBeTrusted() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example"))).isInstanceOf(IllegalArgumentException.class);
    }
}
