package parley.server.media.blob;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A view of exactly {@code length} bytes of another stream: it ends after them (leaving the rest
 * unread), and throws {@link EOFException} if the other stream ends sooner (a dropped upload). Closing
 * it closes the other stream only when it was given to own. Not thread-safe.
 */
final class ExactLengthStream extends InputStream {
    private final InputStream in;
    private final long length;
    private final boolean ownsSource;
    private long remaining;

    ExactLengthStream(InputStream in, long length, boolean ownsSource) {
        this.in = in;
        this.length = length;
        this.ownsSource = ownsSource;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, (int) Math.min(count, remaining));
        if (n < 0) {
            throw new EOFException("stream ended after " + (length - remaining) + " of " + length + " bytes");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close() throws IOException {
        if (ownsSource) {
            in.close();
        }
    }
}
