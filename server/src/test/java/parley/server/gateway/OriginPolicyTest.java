package parley.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());

    @Test
    void aPageOfTheServersOwnOriginMayConnect() {
        assertThat(sameOriginOnly.allows("http://chat.example:8080", "chat.example:8080")).isTrue();
        assertThat(sameOriginOnly.allows("https://chat.example", "chat.example")).isTrue();
        assertThat(sameOriginOnly.allows("https://chat.example", "chat.example:443")).isTrue();
        assertThat(sameOriginOnly.allows("HTTP://Chat.Example:8080", "chat.example:8080")).isTrue();
    }

    @Test
    void aForeignPageMayNot() {
        assertThat(sameOriginOnly.allows("https://evil.example", "chat.example")).isFalse();
        assertThat(sameOriginOnly.allows("http://chat.example:9090", "chat.example:8080")).isFalse();
        assertThat(sameOriginOnly.allows("http://chat.example.evil.example", "chat.example")).isFalse();
        assertThat(sameOriginOnly.allows("null", "chat.example")).isFalse();
        assertThat(sameOriginOnly.allows("https://chat.example", null)).isFalse();
    }

    @Test
    void configuredOriginsAndTheWildcardAreAllowed() {
        OriginPolicy listed = new OriginPolicy(List.of("https://app.example/"));
        assertThat(listed.allows("https://app.example", "chat.example")).isTrue();
        assertThat(listed.allows("https://other.example", "chat.example")).isFalse();
        assertThat(new OriginPolicy(List.of("*")).allows("https://any.example", "chat.example")).isTrue();
    }

    @Test
    void aClientThatIsNotABrowserSendsNoOriginAndIsAllowed() {
        assertThat(sameOriginOnly.allows(null, "chat.example")).isTrue();
    }
}
