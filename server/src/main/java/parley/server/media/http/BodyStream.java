package parley.server.media.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import parley.server.gateway.ReadGate;

/**
 * The body of one request as an {@link InputStream}, fed by the event loop as Netty reads it and
 * drained by the thread that stores it, so a chunk of many megabytes is never held whole. Bounded:
 * past {@link #HIGH_WATER} waiting bytes the channel stops reading from its socket (TCP then slows
 * the client), and reads again once the reader is below {@link #LOW_WATER}.
 *
 * <p>Thread-safety: {@link #offer}, {@link #end} and {@link #fail} come from the event loop, the
 * reads from one other thread; all state is guarded by this object's monitor. Hazard: a reader that
 * stops reading keeps the channel paused; the worker always closes the stream, which frees what is
 * buffered and resumes reading.
 */
final class BodyStream extends InputStream {
    static final int HIGH_WATER = 4 * 1024 * 1024;
    static final int LOW_WATER = 1024 * 1024;
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    private final Channel channel;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long buffered;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private IOException failure;

    BodyStream(Channel channel) {
        this.channel = channel;
    }

    /** A piece of the body (the stream takes ownership). Event loop only. */
    synchronized void offer(ByteBuf chunk) {
        if (closed || !chunk.isReadable()) {
            chunk.release();
            return;
        }
        chunks.add(chunk);
        buffered += chunk.readableBytes();
        if (buffered > HIGH_WATER && !paused) {
            paused = true;
            ReadGate.pause(channel, ReadGate.Reason.BODY_BACKLOG);
        }
        notifyAll();
    }

    /** The body is complete. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** The body will never complete (the connection closed). */
    synchronized void fail(IOException cause) {
        failure = cause;
        notifyAll();
    }

    /** Whether the whole body has been read by the reader (or there was none left). */
    synchronized boolean drained() {
        return ended && chunks.isEmpty();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (chunks.isEmpty()) {
            if (closed) {
                throw new IOException("the body stream is closed");
            }
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return -1;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new EOFException("no body bytes for " + WAIT_MILLIS / 1000 + " s");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a request body");
            }
        }
        ByteBuf head = chunks.peek();
        int n = Math.min(length, head.readableBytes());
        head.readBytes(into, offset, n);
        if (!head.isReadable()) {
            chunks.poll().release();
        }
        buffered -= n;
        resumeIfLow();
        return n;
    }

    @Override
    public synchronized void close() {
        closed = true;
        chunks.forEach(ByteBuf::release);
        chunks.clear();
        buffered = 0;
        resumeIfLow();
        notifyAll();
    }

    private void resumeIfLow() {
        if (paused && buffered < LOW_WATER) {
            paused = false;
            ReadGate.resume(channel, ReadGate.Reason.BODY_BACKLOG);
        }
    }
}
