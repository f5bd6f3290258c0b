package parley.server.media.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.server.testing.S3Server;

class S3BlobStoreTest extends BlobStoreContract {
    private static S3Server server;

    @TempDir
    Path spool;

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected BlobStore newStore() throws IOException {
        return new S3BlobStore(server.newBucket(), spool);
    }

    @AfterEach
    void nothingStaysInTheSpoolFolder() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anAssemblyLargerThanOnePieceGoesThroughAMultipartUpload() throws IOException {
        long size = S3BlobStore.ASSEMBLY_PIECE * 2 + 12_345;
        store.writePart("pieces", 0, size, new GeneratedStream(size, 42));

        BlobStore.Blob blob = store.assemble("pieces");

        assertThat(blob.size()).isEqualTo(size);
        byte[] all = new GeneratedStream(size, 42).readAllBytes();
        assertThat(blob.key()).isEqualTo(sha256(all));
        int at = (int) S3BlobStore.ASSEMBLY_PIECE - 3;
        try (var in = store.open(blob.key(), at, 6)) {
            assertThat(in.readAllBytes()).isEqualTo(slice(all, at, 6));
        }
    }

    @Test
    void wrongCredentialsAreAnIoErrorNotAnAbsentBlob() throws Exception {
        S3Settings good = server.newBucket();
        S3Settings bad = new S3Settings(good.endpoint(), good.region(), good.bucket(), good.accessKey(), "wrong", true);
        try (BlobStore wrong = new S3BlobStore(bad, spool)) {
            assertThatThrownBy(() -> wrong.put(new byte[] {1}))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> wrong.writePart("u", 0, 1, new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void settingsNeverPrintTheSecretKey() {
        assertThat(server.settings().toString()).doesNotContain(S3Server.SECRET_KEY).contains("bucket=");
    }
}
