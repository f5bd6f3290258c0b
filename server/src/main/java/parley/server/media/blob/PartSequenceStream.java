package parley.server.media.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * The parts of an upload read one after the other as one stream, each part opened only when the
 * previous one is used up, so one part at a time is open and nothing is buffered beyond it.
 * Not thread-safe, like any stream.
 */
final class PartSequenceStream extends InputStream {
    /** Opens the stream of one part. */
    interface PartOpener {
        InputStream open(BlobStore.Part part) throws IOException;
    }

    private final Iterator<BlobStore.Part> remaining;
    private final PartOpener opener;
    private InputStream current = InputStream.nullInputStream();

    private PartSequenceStream(List<BlobStore.Part> parts, PartOpener opener) {
        this.remaining = List.copyOf(parts).iterator();
        this.opener = opener;
    }

    /**
     * The parts of upload {@code uploadId}, found in offset order, as one stream.
     *
     * @throws IllegalStateException when they do not start at 0 or have a gap
     */
    static InputStream contiguous(String uploadId, List<BlobStore.Part> parts, PartOpener opener) {
        BlobNames.contiguousLength(uploadId, parts);
        return new PartSequenceStream(parts, opener);
    }

    @Override
    public int read() throws IOException {
        int b = current.read();
        while (b < 0 && nextPart()) {
            b = current.read();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = current.read(buffer, offset, length);
        while (n < 0 && nextPart()) {
            n = current.read(buffer, offset, length);
        }
        return n;
    }

    /** Closes the part read to its end and opens the next; false when there is none. */
    private boolean nextPart() throws IOException {
        current.close();
        current = InputStream.nullInputStream();
        if (!remaining.hasNext()) {
            return false;
        }
        current = opener.open(remaining.next());
        return true;
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
