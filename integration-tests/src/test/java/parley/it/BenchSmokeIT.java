package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.BenchCommand;
import parley.it.kit.TestServer;
import picocli.CommandLine;

/**
 * A short run of each of the load tool's scenarios against a real server: its correctness verdict
 * (every seq once, in order, no gap, every acked message delivered to every member; the scenario's
 * own checks) must pass, and it must leave its JSON result and latency chart. Its speed is
 * reported, never judged here. The abuse scenario runs two light attacks: its report must name
 * both, and the bystander's messages must all be acked and none lost.
 */
class BenchSmokeIT {
    private static final String SECRET = "smoke-test-operator-secret";

    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        // a load tool sends far faster than a person (see docs/performance.md, "Limits")
        server = TestServer.start(Map.of("admin.secret", SECRET,
                "chat.sends-per-connection.burst", "1000000", "chat.sends-per-connection.per-second", "1000",
                "chat.sends-per-user.burst", "1000000", "chat.sends-per-user.per-second", "1000",
                "auth.logins-per-address.burst", "100000", "auth.registrations-per-address.burst", "100000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int bench(String scenario, String... args) {
        String[] all = new String[args.length + 6];
        all[0] = scenario;
        all[1] = "--server";
        all[2] = server.http().toString();
        all[3] = "--admin-secret=" + SECRET;
        all[4] = "--out";
        all[5] = dir.resolve(scenario + ".json").toString();
        System.arraycopy(args, 0, all, 6, args.length);
        return new CommandLine(new BenchCommand()).execute(all);
    }

    private void assertResultAndChart(String scenario) {
        assertThat(dir.resolve(scenario + ".json")).isNotEmptyFile();
        assertThat(dir.resolve(scenario + "-latency.svg")).content().startsWith("<svg").contains("</svg>");
    }

    @Test
    void theOneOnOneScenarioPassesItsVerdictInClosedAndOpenLoop() {
        String url = server.http().toString();
        assertThat(new CommandLine(new BenchCommand()).execute("one-on-one", "--server", url, "--pairs", "4",
                "--warmup", "1", "--duration", "3", "--mode", "closed", "--window", "4",
                "--out", dir.resolve("closed.json").toString())).isZero();
        assertThat(bench("one-on-one", "--pairs", "4", "--warmup", "1", "--duration", "3", "--mode", "open",
                "--rate", "200")).isZero();
        assertThat(dir.resolve("closed.json")).exists();
        assertResultAndChart("one-on-one");
    }

    @Test
    void theGroupFanoutScenarioPassesItsVerdict() {
        assertThat(bench("fanout", "--groups", "2", "--members", "6", "--senders", "2", "--warmup", "0",
                "--duration", "2", "--window", "2")).isZero();
        assertResultAndChart("fanout");
    }

    @Test
    void theIdleConnectionsScenarioPassesItsChecks() {
        assertThat(bench("idle", "--connections", "20", "--hold", "1", "--source-addresses", "2")).isZero();
        assertResultAndChart("idle");
    }

    @Test
    void theReconnectStormScenarioLosesNothing() {
        assertThat(bench("reconnect-storm", "--clients", "20", "--group-size", "6", "--before", "2",
                "--during", "3")).isZero();
        assertResultAndChart("reconnect-storm");
    }

    @Test
    void theSyncAndHistoryScenarioPassesItsVerdict() {
        assertThat(bench("sync", "--chats", "5", "--messages", "12", "--sync-page", "7", "--page", "5",
                "--history-chats", "3")).isZero();
        assertResultAndChart("sync");
    }

    @Test
    void theAbuseScenarioReportsEachAttackAndTheBystanderLosesNothing() throws Exception {
        assertThat(bench("abuse", "--attacks", "login-flood,poll-sessions", "--seconds", "2", "--settle", "0",
                "--settle-max", "5", "--concurrency", "4", "--max-attempts", "200")).isZero();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("abuse.json").toFile());
        assertThat(report.path("attacks")).extracting(a -> a.path("attack").asText())
                .containsExactly("login-flood", "poll-sessions");
        for (JsonNode attack : report.path("attacks")) {
            assertThat(attack.path("attacker").path("summary").asText()).isNotBlank();
            assertThat(attack.path("nodeAfter").asText()).isEqualTo("alive");
        }
        JsonNode bystander = report.path("bystander");
        assertThat(bystander.path("sent").asLong()).isPositive();
        assertThat(bystander.path("acked").asLong()).isEqualTo(bystander.path("sent").asLong());
        assertThat(bystander.path("lost").asLong()).isZero();
        assertThat(bystander.path("duplicates").asLong()).isZero();
        assertResultAndChart("abuse");
    }

    @Test
    void theAbuseScenarioRefusesANodeOffThisMachine() {
        assertThat(new CommandLine(new BenchCommand()).execute("abuse", "--server", "http://192.0.2.1:8080",
                "--admin-secret=" + SECRET, "--seconds", "1")).isEqualTo(2);
    }

    @Test
    void aScenarioWithoutTheOperatorSecretIsRefusedWithAReason() {
        assertThat(new CommandLine(new BenchCommand()).execute("idle", "--server", server.http().toString(),
                "--admin-secret=", "--connections", "5")).isEqualTo(2);
    }
}
