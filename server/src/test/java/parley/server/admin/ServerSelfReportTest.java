package parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the resident size from a Linux status file, and doing without one. */
class ServerSelfReportTest {
    @TempDir
    Path dir;

    @Test
    void theResidentSizeIsTheVmRssLineInBytes() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), """
                Name:\tjava
                VmPeak:\t 9000000 kB
                VmRSS:\t  612368 kB
                Threads:\t41
                """);

        assertThat(ServerSelfReport.residentBytes(status)).hasValue(612_368L * 1024);
    }

    @Test
    void withoutAStatusFileOrItsLineTheSizeIsUnknown() throws IOException {
        assertThat(ServerSelfReport.residentBytes(dir.resolve("missing"))).isEmpty();
        assertThat(ServerSelfReport.residentBytes(Files.writeString(dir.resolve("odd"), "VmRSS: lots\n"))).isEmpty();
        assertThat(ServerSelfReport.residentBytes(Files.writeString(dir.resolve("none"), "Name: java\n"))).isEmpty();
    }
}
