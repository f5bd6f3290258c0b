package parley.client.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Where the terminal client's password comes from: the {@code PARLEY_PASSWORD} environment
 * variable, else an interactive prompt without echo, else one line of standard input (for
 * scripts piping it in).
 */
final class PasswordSource {
    static final String ENV = "PARLEY_PASSWORD";

    /** A prompt without echo: empty when there is no interactive console. */
    interface HiddenPrompt {
        Optional<char[]> read(String prompt);
    }

    private PasswordSource() {
    }

    static String password(Map<String, String> env, HiddenPrompt console, BufferedReader stdin, PrintWriter out)
            throws IOException {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Optional<char[]> typed = console.read("Password: ");
        if (typed.isPresent()) {
            return new String(typed.get());
        }
        out.print("Password: ");
        out.flush();
        String line = stdin.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password: set " + ENV + " or type it");
        }
        return line;
    }

    /** The JVM's console, if it is an interactive terminal. */
    static HiddenPrompt systemConsole() {
        return prompt -> {
            java.io.Console console = System.console();
            if (console == null || !isTerminal(console)) {
                return Optional.empty();
            }
            return Optional.ofNullable(console.readPassword("%s", prompt));
        };
    }

    /** {@code Console.isTerminal()} exists from JDK 22; before it, a console is a terminal. */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
