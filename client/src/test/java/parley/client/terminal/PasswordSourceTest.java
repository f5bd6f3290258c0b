package parley.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordSourceTest {
    private final PrintWriter out = new PrintWriter(new StringWriter());
    private final PasswordSource.HiddenPrompt noConsole = prompt -> Optional.empty();

    @Test
    void theEnvironmentComesFirst() throws Exception {
        PasswordSource.HiddenPrompt console = prompt -> Optional.of("typed".toCharArray());
        assertThat(PasswordSource.password(Map.of("PARLEY_PASSWORD", "secret"), console, stdin(""), out)).isEqualTo("secret");
        assertThat(PasswordSource.password(Map.of(), console, stdin(""), out)).isEqualTo("typed");
    }

    @Test
    void withoutAConsoleALineOfStandardInput() throws Exception {
        assertThat(PasswordSource.password(Map.of(), noConsole, stdin("piped\n/open bob\n"), out)).isEqualTo("piped");
        assertThatThrownBy(() -> PasswordSource.password(Map.of(), noConsole, stdin(""), out))
                .hasMessageContaining("PARLEY_PASSWORD");
    }

    private static BufferedReader stdin(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
