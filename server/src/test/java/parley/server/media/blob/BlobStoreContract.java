package parley.server.media.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.server.media.blob.BlobStore.Blob;
import parley.server.media.blob.BlobStore.Part;

/**
 * What every {@link BlobStore} promises, run against each implementation: a subclass only says how
 * to make a fresh, empty store.
 */
abstract class BlobStoreContract {
    private static final String UPLOAD = "upload-1";

    protected BlobStore store;

    /** A new, empty store. */
    protected abstract BlobStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void partsAreListedInOffsetOrder() throws IOException {
        byte[] bytes = bytes(30, 1);
        write(UPLOAD, 20, slice(bytes, 20, 10));
        write(UPLOAD, 0, slice(bytes, 0, 10));
        write(UPLOAD, 10, slice(bytes, 10, 10));

        assertThat(store.parts(UPLOAD)).containsExactly(new Part(0, 10), new Part(10, 10), new Part(20, 10));
        assertThat(store.parts("other-upload")).isEmpty();
        try (InputStream in = store.openParts(UPLOAD)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aStreamThatEndsEarlyLeavesNoPart() throws IOException {
        write(UPLOAD, 0, bytes(10, 2));

        assertThatThrownBy(() -> store.writePart(UPLOAD, 10, 100, new ByteArrayInputStream(bytes(60, 3))))
                .isInstanceOf(EOFException.class);

        assertThat(store.parts(UPLOAD)).containsExactly(new Part(0, 10));
    }

    @Test
    void aPartReadsExactlyItsLengthAndLeavesTheRestOfTheStream() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(100, 4));

        store.writePart(UPLOAD, 0, 40, in);

        assertThat(store.parts(UPLOAD)).containsExactly(new Part(0, 40));
        assertThat(in.available()).isEqualTo(60);
    }

    @Test
    void writingAPartAgainReplacesIt() throws IOException {
        write(UPLOAD, 0, bytes(10, 5));
        byte[] second = bytes(25, 6);

        write(UPLOAD, 0, second);

        assertThat(store.parts(UPLOAD)).containsExactly(new Part(0, 25));
        Blob blob = store.assemble(UPLOAD);
        assertThat(blob).isEqualTo(new Blob(sha256(second), 25));
        assertThat(read(blob.key(), 0, 25)).isEqualTo(second);
    }

    @Test
    void assembleRefusesAGapAndKeepsTheParts() throws IOException {
        write(UPLOAD, 0, bytes(10, 7));
        write(UPLOAD, 20, bytes(10, 8));

        assertThatThrownBy(() -> store.assemble(UPLOAD)).isInstanceOf(IllegalStateException.class).hasMessageContaining("gap");
        assertThatThrownBy(() -> store.openParts(UPLOAD)).isInstanceOf(IllegalStateException.class);
        assertThat(store.parts(UPLOAD)).hasSize(2);
    }

    @Test
    void assembleRefusesPartsThatDoNotStartAtZeroOrNoParts() throws IOException {
        write(UPLOAD, 5, bytes(10, 9));

        assertThatThrownBy(() -> store.assemble(UPLOAD)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.assemble("never-written")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void assembleJoinsThePartsIntoAContentAddressedBlobAndDropsTheParts() throws IOException {
        byte[] bytes = bytes(1000, 10);
        write(UPLOAD, 0, slice(bytes, 0, 300));
        write(UPLOAD, 300, slice(bytes, 300, 700));

        Blob blob = store.assemble(UPLOAD);

        assertThat(blob).isEqualTo(new Blob(sha256(bytes), 1000));
        assertThat(store.parts(UPLOAD)).isEmpty();
        assertThat(store.size(blob.key())).contains(1000L);
        assertThat(read(blob.key(), 0, 1000)).isEqualTo(bytes);
    }

    @Test
    void anEmptyFileIsOneEmptyPart() throws IOException {
        write(UPLOAD, 0, new byte[0]);

        Blob blob = store.assemble(UPLOAD);

        assertThat(blob).isEqualTo(new Blob(sha256(new byte[0]), 0));
        assertThat(store.size(blob.key())).contains(0L);
        assertThat(read(blob.key(), 0, 0)).isEmpty();
    }

    @Test
    void theSameBytesAssembledTwiceGiveOneBlobAndTheSameKey() throws IOException {
        byte[] bytes = bytes(5000, 11);
        write("first", 0, bytes);
        write("second", 0, slice(bytes, 0, 2000));
        write("second", 2000, slice(bytes, 2000, 3000));

        Blob first = store.assemble("first");
        Blob second = store.assemble("second");

        assertThat(second).isEqualTo(first);
        assertThat(store.parts("first")).isEmpty();
        assertThat(store.parts("second")).isEmpty();
        assertThat(read(first.key(), 0, 5000)).isEqualTo(bytes);
    }

    @Test
    void twoThreadsAssemblingTheSameBytesAtOnceGetTheSameBlob() throws Exception {
        byte[] bytes = bytes(300_000, 12);
        for (int i = 0; i < 4; i++) {
            write("same-" + i, 0, slice(bytes, 0, 100_000));
            write("same-" + i, 100_000, slice(bytes, 100_000, 200_000));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Blob>> results = threads.invokeAll(List.<Callable<Blob>>of(
                    () -> store.assemble("same-0"), () -> store.assemble("same-1"),
                    () -> store.assemble("same-2"), () -> store.assemble("same-3")));
            for (Future<Blob> result : results) {
                assertThat(result.get()).isEqualTo(new Blob(sha256(bytes), bytes.length));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(read(sha256(bytes), 0, bytes.length)).isEqualTo(bytes);
    }

    @Test
    void rangedReadsGiveExactlyTheAskedBytes() throws IOException {
        byte[] bytes = bytes(10_000, 13);
        Blob blob = store.put(bytes);

        assertThat(read(blob.key(), 0, 100)).isEqualTo(slice(bytes, 0, 100));
        assertThat(read(blob.key(), 4321, 1234)).isEqualTo(slice(bytes, 4321, 1234));
        assertThat(read(blob.key(), 9_990, 10)).isEqualTo(slice(bytes, 9_990, 10));
        assertThat(read(blob.key(), 0, 10_000)).isEqualTo(bytes);
        assertThat(read(blob.key(), 9_999, 1)).isEqualTo(slice(bytes, 9_999, 1));
    }

    @Test
    void aRangePastTheEndIsRefused() throws IOException {
        Blob blob = store.put(bytes(100, 14));

        assertThatThrownBy(() -> read(blob.key(), 50, 51)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read(blob.key(), 200, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read(blob.key(), -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbsentKeyHasNoSizeAndCannotBeOpened() throws IOException {
        String absent = sha256("never stored".getBytes());

        assertThat(store.size(absent)).isEmpty();
        assertThatThrownBy(() -> store.open(absent, 0, 1)).isInstanceOf(NoSuchFileException.class);
        store.delete(absent);
    }

    @Test
    void deletePartsDropsAnUploadAndIgnoresAnAbsentOne() throws IOException {
        write(UPLOAD, 0, bytes(10, 15));
        write(UPLOAD, 10, bytes(10, 16));
        write("kept", 0, bytes(10, 17));

        store.deleteParts(UPLOAD);
        store.deleteParts("never-written");

        assertThat(store.parts(UPLOAD)).isEmpty();
        assertThat(store.parts("kept")).containsExactly(new Part(0, 10));
    }

    @Test
    void deleteRemovesABlob() throws IOException {
        Blob blob = store.put(bytes(64, 18));

        store.delete(blob.key());
        store.delete(blob.key());

        assertThat(store.size(blob.key())).isEmpty();
    }

    @Test
    void putStoresSmallBytesOnceUnderTheirHash() throws IOException {
        byte[] thumbnail = bytes(2048, 19);

        Blob first = store.put(thumbnail);
        Blob second = store.put(thumbnail.clone());

        assertThat(first).isEqualTo(new Blob(sha256(thumbnail), 2048)).isEqualTo(second);
        assertThat(read(first.key(), 0, 2048)).isEqualTo(thumbnail);
    }

    @Test
    void aMultiMegabyteUploadInSeveralPartsIsStreamedThrough() throws IOException {
        long partSize = 3L * 1024 * 1024 + 17;
        int partCount = 4;
        MessageDigest expected = Sha256.digest();
        for (int i = 0; i < partCount; i++) {
            GeneratedStream part = new GeneratedStream(partSize, i);
            store.writePart("big", i * partSize, partSize, part);
            expected.update(new GeneratedStream(partSize, i).readAllBytes());
        }
        String expectedKey = HexFormat.of().formatHex(expected.digest());

        Blob blob = store.assemble("big");

        assertThat(blob).isEqualTo(new Blob(expectedKey, partSize * partCount));
        MessageDigest read = Sha256.digest();
        try (InputStream in = store.open(blob.key(), 0, blob.size())) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(expectedKey);
        long middle = partSize * 2 - 5;
        byte[] tail = slice(new GeneratedStream(partSize, 1).readAllBytes(), (int) (partSize - 5), 5);
        byte[] head = slice(new GeneratedStream(partSize, 2).readAllBytes(), 0, 5);
        assertThat(read(blob.key(), middle, 10)).startsWith(tail).endsWith(head);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "a/b", "a\u0000b", "", "up load", "x/../../etc"})
    void uploadIdsThatCouldEscapeAreRefused(String uploadId) {
        assertThatThrownBy(() -> write(uploadId, 0, bytes(1, 20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.parts(uploadId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble(uploadId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteParts(uploadId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openParts(uploadId)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "ab/cd", "a\u0000b", "", "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"})
    void keysThatAreNotASha256AreRefused(String key) {
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNegativeOffsetOrLengthIsRefused() {
        assertThatThrownBy(() -> store.writePart(UPLOAD, -1, 1, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writePart(UPLOAD, 0, -1, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void write(String uploadId, long offset, byte[] bytes) throws IOException {
        store.writePart(uploadId, offset, bytes.length, new ByteArrayInputStream(bytes));
    }

    private byte[] read(String key, long offset, long length) throws IOException {
        try (InputStream in = store.open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] slice(byte[] bytes, int from, int length) {
        byte[] slice = new byte[length];
        System.arraycopy(bytes, from, slice, 0, length);
        return slice;
    }

    static String sha256(byte[] bytes) {
        return Sha256.key(bytes);
    }

    /** Deterministic pseudo-random bytes, made as they are read, so a large upload is never in memory. */
    static final class GeneratedStream extends InputStream {
        private final Random random;
        private long remaining;

        GeneratedStream(long length, long seed) {
            this.random = new Random(seed);
            this.remaining = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, remaining), 8192);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            remaining -= n;
            return n;
        }
    }
}
