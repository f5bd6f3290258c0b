package parley.server.media.inspect;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Big- and little-endian numbers read from the start of a stream, never more than a given number
 * of bytes: past the bound, or at the end of the stream, an {@link EOFException}. Not thread-safe.
 */
final class HeaderBytes {
    private final InputStream in;
    private final long limit;
    private long read;

    HeaderBytes(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    int uint8() throws IOException {
        if (read >= limit) {
            throw new EOFException("header longer than " + limit + " bytes");
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("header ends early");
        }
        read++;
        return b;
    }

    int uint16() throws IOException {
        return (uint8() << 8) | uint8();
    }

    int uint16le() throws IOException {
        return uint8() | (uint8() << 8);
    }

    int uint24le() throws IOException {
        return uint8() | (uint8() << 8) | (uint8() << 16);
    }

    long int32() throws IOException {
        return ((long) uint16() << 16) | uint16();
    }

    String ascii(int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) uint8();
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    void skip(long count) throws IOException {
        if (read + count > limit) {
            throw new EOFException("header longer than " + limit + " bytes");
        }
        in.skipNBytes(count);
        read += count;
    }
}
