package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.BenchCommand;
import parley.it.kit.TestServer;
import picocli.CommandLine;

/**
 * A short run of the load tool's scenarios against a real server: its correctness verdict (every
 * seq once, in order, no gap, every acked message delivered) must pass. Its speed is reported,
 * never judged here.
 */
class BenchSmokeIT {
    @TempDir
    Path dir;

    private int bench(String... args) {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        return commandLine.execute(args);
    }

    @Test
    void theOneOnOneScenarioPassesItsVerdictInClosedAndOpenLoop() {
        try (TestServer server = TestServer.start()) {
            String url = server.http().toString();
            assertThat(bench("one-on-one", "--server", url, "--pairs", "4", "--warmup", "1", "--duration", "3",
                    "--mode", "closed", "--window", "4", "--out", dir.resolve("closed.json").toString())).isZero();
            assertThat(bench("one-on-one", "--server", url, "--pairs", "4", "--warmup", "1", "--duration", "3",
                    "--mode", "open", "--rate", "200", "--out", dir.resolve("open.json").toString())).isZero();
            assertThat(dir.resolve("closed.json")).exists();
        }
    }
}
