package parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void foldersControlCharactersAndLeadingDotsGo() {
        assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("C:\\Users\\me\\photo.jpg")).isEqualTo("photo.jpg");
        assertThat(FileNames.sanitize("re\u0000port\u0007.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.sanitize("..hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitize("a\u202Egnp.exe")).isEqualTo("agnp.exe");
    }

    @Test
    void emptyOrMissingNamesFallBack() {
        assertThat(FileNames.sanitize(null)).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize("../")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize(" \u0001 ")).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void longNamesAreCutInUtf8KeepingTheExtension() {
        String name = FileNames.sanitize("é".repeat(300) + ".jpeg");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(name).endsWith(".jpeg").startsWith("éé");
    }
}
