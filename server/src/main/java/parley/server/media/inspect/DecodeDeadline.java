package parley.server.media.inspect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadUpdateListener;
import java.awt.image.BufferedImage;

/**
 * The time budget of one picture decode, and the two ways it stops a decode that runs past it:
 * the decoder's input fails ({@link #guard}), which stops a decoder that is still reading; and the
 * decoder is aborted from its own progress callbacks ({@link #watch}), which stops one that is
 * turning what it read into pixels, row by row. Either way the caller then gets a
 * {@link DecodeTimeoutException} ({@link #check}), and the decoder's CPU stops within a row.
 *
 * <p>Why callbacks and not a timer thread: Java's JPEG decoder refuses to be touched, {@code abort()}
 * included, by any thread but the one decoding; its callbacks run on that thread.
 *
 * <p>Immutable; its callbacks run on the decoding thread, and {@link #passed()} may be asked from any.
 */
final class DecodeDeadline {
    private final Clock clock;
    private final long deadlineMillis;
    private final Duration budget;

    DecodeDeadline(Clock clock, Duration budget) {
        this.clock = clock;
        this.budget = budget;
        this.deadlineMillis = clock.millis() + budget.toMillis();
    }

    /** Whether the budget is spent. */
    boolean passed() {
        return clock.millis() > deadlineMillis;
    }

    /** Throws when the budget is spent. */
    void check() throws DecodeTimeoutException {
        if (passed()) {
            throw new DecodeTimeoutException("decoding took longer than its budget of " + budget.toMillis() + " ms");
        }
    }

    /** {@code in}, failing every read once the budget is spent. */
    InputStream guard(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                check();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check();
                return super.read(b, off, len);
            }

            @Override
            public long skip(long n) throws IOException {
                check();
                return super.skip(n);
            }
        };
    }

    /** Makes {@code reader} abort its read at its next row or progress report once the budget is spent. */
    void watch(ImageReader reader) {
        AbortWhenPassed listener = new AbortWhenPassed(reader);
        reader.addIIOReadUpdateListener(listener);
        reader.addIIOReadProgressListener(listener);
    }

    private final class AbortWhenPassed implements IIOReadUpdateListener, IIOReadProgressListener {
        private final ImageReader reader;

        AbortWhenPassed(ImageReader reader) {
            this.reader = reader;
        }

        private void abortWhenPassed() {
            if (passed()) {
                reader.abort();
            }
        }

        @Override
        public void imageUpdate(ImageReader source, BufferedImage image, int minX, int minY, int width, int height,
                                int periodX, int periodY, int[] bands) {
            abortWhenPassed();
        }

        @Override
        public void passStarted(ImageReader source, BufferedImage image, int pass, int minPass, int maxPass,
                                int minX, int minY, int periodX, int periodY, int[] bands) {
            abortWhenPassed();
        }

        @Override
        public void passComplete(ImageReader source, BufferedImage image) {
            abortWhenPassed();
        }

        @Override
        public void thumbnailPassStarted(ImageReader source, BufferedImage thumbnail, int pass, int minPass,
                                         int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailUpdate(ImageReader source, BufferedImage thumbnail, int minX, int minY, int width,
                                    int height, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailPassComplete(ImageReader source, BufferedImage thumbnail) {
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            abortWhenPassed();
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
        }
    }
}
