package parley.client.terminal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import parley.client.ClientOptions;
import parley.client.ParleyClient;
import parley.client.ParleyException;
import parley.client.connection.ParleyConnection;
import parley.protocol.api.LoginResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat}: the terminal client. Logs in (after registering with {@code --register}),
 * connects, and runs the {@link ChatRepl} on standard input until {@code /quit}; then logs the
 * device out.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat on a Parley server from the terminal. The password comes from $PARLEY_PASSWORD or a prompt.")
public final class ChatCommand implements Callable<Integer> {
    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "the server (default: ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--user", required = true, description = "the username")
    String user;

    @Option(names = "--register", description = "create the account first")
    boolean register;

    @Option(names = "--device", defaultValue = "terminal", description = "this device's name (default: ${DEFAULT-VALUE})")
    String device;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        String password = PasswordSource.password(System.getenv(), PasswordSource.systemConsole(), stdin, out);
        try (ParleyClient client = ParleyClient.create(ClientOptions.builder(server).build())) {
            if (register) {
                client.http().register(user, password);
                out.println("Registered " + user + ".");
            }
            LoginResponse login = client.http().login(user, password, device);
            try (ParleyConnection connection = client.newConnection()) {
                ChatRepl repl = new ChatRepl(new SdkChatBackend(connection, client.http(), login), out, Duration.ofSeconds(15));
                connection.connect(login.token(), repl);
                repl.run(stdin);
            } finally {
                logout(client, login);
            }
            return 0;
        } catch (ParleyException e) {
            out.println("! " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            out.println("! cannot reach " + server + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    private static void logout(ParleyClient client, LoginResponse login) {
        try {
            client.http().logout(login.token());
        } catch (RuntimeException ignored) {
            // best effort: the device stays listed until revoked
        }
    }
}
