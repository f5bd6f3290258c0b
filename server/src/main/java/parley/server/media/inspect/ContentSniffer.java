package parley.server.media.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tells a file's type from its first bytes (magic numbers), never from its name or the client's
 * claim. Whatever it does not recognize is {@link MediaType#OTHER}: a plain file. Stateless and
 * thread-safe.
 */
public final class ContentSniffer {
    /** How many first bytes of a file {@link #sniff} looks at; fewer are fine for a shorter file. */
    public static final int HEAD_BYTES = 64;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] EBML = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3};

    /** The type of a file that starts with {@code head} (its first {@link #HEAD_BYTES} bytes, or all of a shorter file). */
    public MediaType sniff(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return MediaType.JPEG;
        }
        if (startsWith(head, 0, PNG)) {
            return MediaType.PNG;
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return MediaType.GIF;
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return MediaType.WEBP;
        }
        if (startsWith(head, 4, ascii("ftyp")) && head.length >= 12) {
            return isoBrand(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
        }
        if (startsWith(head, 0, EBML)) {
            return MediaType.WEBM;
        }
        if (startsWith(head, 0, ascii("OggS"))) {
            return MediaType.OGG;
        }
        if (startsWith(head, 0, ascii("%PDF-"))) {
            return MediaType.PDF;
        }
        if (startsWith(head, 0, ascii("ID3")) || isMpegAudioFrame(head)) {
            return MediaType.MP3;
        }
        return MediaType.OTHER;
    }

    /** An ISO base media file (MP4 family) by the major brand of its {@code ftyp} box. */
    private static MediaType isoBrand(String brand) {
        return switch (brand) {
            case "M4A ", "M4B " -> MediaType.M4A;
            case "qt  " -> MediaType.MOV;
            default -> MediaType.MP4;
        };
    }

    /**
     * An MPEG audio frame header: 11 sync bits, a version that is not reserved, layer III, II or I
     * (not the "reserved" 00, which is what ADTS AAC uses), a valid bitrate and sample rate.
     */
    private static boolean isMpegAudioFrame(byte[] head) {
        if (head.length < 4 || (head[0] & 0xff) != 0xff || (head[1] & 0xe0) != 0xe0) {
            return false;
        }
        int version = (head[1] >> 3) & 0b11;
        int layer = (head[1] >> 1) & 0b11;
        int bitrate = (head[2] >> 4) & 0b1111;
        int sampleRate = (head[2] >> 2) & 0b11;
        return version != 0b01 && layer != 0b00 && bitrate != 0b1111 && sampleRate != 0b11;
    }

    private static boolean startsWith(byte[] head, int at, byte[] magic) {
        return head.length >= at + magic.length && Arrays.equals(head, at, at + magic.length, magic, 0, magic.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
