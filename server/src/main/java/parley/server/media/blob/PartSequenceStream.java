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

    PartSequenceStream(List<BlobStore.Part> parts, PartOpener opener) {
        this.remaining = List.copyOf(parts).iterator();
        this.opener = opener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int n = current.read(buffer, offset, length);
            if (n > 0) {
                return n;
            }
            if (n < 0) {
                current.close();
                if (!remaining.hasNext()) {
                    current = InputStream.nullInputStream();
                    return -1;
                }
                current = opener.open(remaining.next());
            }
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
