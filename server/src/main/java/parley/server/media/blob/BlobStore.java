package parley.server.media.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where media bytes live: a folder under the data directory on one node, an S3-compatible bucket
 * in a cluster. Finished blobs are content-addressed: the key is the lowercase hex SHA-256 of the
 * bytes, so the same bytes are stored once. Unfinished uploads are kept as parts, keyed by the
 * upload id and the offset where each part starts, in the same store, so any node can take the
 * next chunk of an upload that another node began.
 *
 * <p>Promises every implementation keeps (checked by one contract suite):
 * <ul>
 *   <li>A part is listed by {@link #parts} only once all its bytes are stored; a stream that ends
 *       early (a dropped connection) leaves no part behind.</li>
 *   <li>Nothing is ever held whole in memory: bytes are streamed in and out.</li>
 *   <li>{@link #assemble} of the same bytes twice yields the same key and keeps one copy.</li>
 * </ul>
 */
public interface BlobStore extends AutoCloseable {

    /** One stored part of an unfinished upload. */
    record Part(long offset, long length) {
    }

    /** A finished blob: its key (hex SHA-256) and its size in bytes. */
    record Blob(String key, long size) {
    }

    /**
     * Stores bytes {@code [offset, offset + length)} of upload {@code uploadId}, read from {@code in}.
     * Exactly {@code length} bytes are read; a stream that ends sooner throws {@link java.io.EOFException}
     * and keeps nothing of this part. Writing a part at an offset that already has one replaces it.
     */
    void writePart(String uploadId, long offset, long length, InputStream in) throws IOException;

    /** The complete parts of an upload, in offset order (empty when there are none). */
    List<Part> parts(String uploadId) throws IOException;

    /** Reads the parts of an upload (which must cover {@code [0, size)} without a gap) as one stream. */
    InputStream openParts(String uploadId) throws IOException;

    /**
     * Joins the parts of an upload, contiguous from 0, into one content-addressed blob and deletes
     * the parts. If a blob with the same bytes exists already, it is kept and the parts are dropped.
     *
     * @throws IllegalStateException when the parts have a gap or do not start at 0
     */
    Blob assemble(String uploadId) throws IOException;

    /** Deletes every part of an upload (an abandoned or cancelled upload). Absent parts are fine. */
    void deleteParts(String uploadId) throws IOException;

    /** Stores small bytes (a thumbnail) as a content-addressed blob. */
    Blob put(byte[] bytes) throws IOException;

    /** The size of a blob, or empty when there is no blob with that key. */
    Optional<Long> size(String key) throws IOException;

    /**
     * Reads {@code length} bytes of a blob from {@code offset}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no blob with that key
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /** Deletes a blob. An absent blob is fine. */
    void delete(String key) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
