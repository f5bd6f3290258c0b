package parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeysTest {
    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(AddressKeys.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() {
        assertThat(AddressKeys.of("2001:db8:1:2::1")).isEqualTo(AddressKeys.of("2001:db8:1:2:ffff:eeee:dddd:cccc"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKeys.of("2001:db8:1:3::1")).isNotEqualTo(AddressKeys.of("2001:db8:1:2::1"));
    }

    @Test
    void anythingElseIsCutShort() {
        assertThat(AddressKeys.of("x".repeat(1000))).hasSize(64);
        assertThat(AddressKeys.of(null)).isEqualTo("unknown");
        assertThat(AddressKeys.of("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }
}
