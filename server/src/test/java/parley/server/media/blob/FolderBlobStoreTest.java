package parley.server.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path folder;

    @Override
    protected BlobStore newStore() throws IOException {
        return new FolderBlobStore(folder);
    }

    @Test
    void blobsAreFiledUnderTwoLevelsOfTheirHashAndNoTemporaryFileStays() throws IOException {
        store.writePart("u1", 0, 3, new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
        BlobStore.Blob blob = store.assemble("u1");

        String key = blob.key();
        assertThat(folder.resolve("blobs").resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key)).exists();
        assertThat(folder.resolve("parts/u1")).doesNotExist();
        try (Stream<Path> temp = Files.list(folder.resolve("tmp"))) {
            assertThat(temp).isEmpty();
        }
    }

    @Test
    void aDroppedPartLeavesNoTemporaryFile() throws IOException {
        try {
            store.writePart("u2", 0, 10, new java.io.ByteArrayInputStream(new byte[4]));
        } catch (java.io.EOFException expected) {
            // the connection dropped
        }

        try (Stream<Path> temp = Files.list(folder.resolve("tmp"))) {
            assertThat(temp).isEmpty();
        }
    }

    @Test
    void filesThatAreNotPartsAreNotListed() throws IOException {
        store.writePart("u3", 0, 2, new java.io.ByteArrayInputStream(new byte[2]));
        Files.writeString(folder.resolve("parts/u3/notes.txt"), "stray");

        assertThat(store.parts("u3")).containsExactly(new BlobStore.Part(0, 2));
    }
}
