package parley.server.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {
    private final ContentSniffer sniffer = new ContentSniffer();

    @Test
    void picturesWrittenByImageIoAreKnownByTheirBytes() {
        assertThat(sniffer.sniff(head(SampleImages.written("jpeg", 40, 30)))).isEqualTo(MediaType.JPEG);
        assertThat(sniffer.sniff(head(SampleImages.written("png", 40, 30)))).isEqualTo(MediaType.PNG);
        assertThat(sniffer.sniff(head(SampleImages.written("gif", 40, 30)))).isEqualTo(MediaType.GIF);
    }

    @Test
    void eachTypeIsKnownByItsMagicNumber() {
        assertThat(sniffer.sniff(bytes("GIF87a", 0))).isEqualTo(MediaType.GIF);
        assertThat(sniffer.sniff(bytes("RIFF\0\0\0\0WEBPVP8 ", 0))).isEqualTo(MediaType.WEBP);
        assertThat(sniffer.sniff(bytes("\0\0\0\u0020ftypisom\0\0\2\0", 0))).isEqualTo(MediaType.MP4);
        assertThat(sniffer.sniff(bytes("\0\0\0\u0018ftypmp42\0\0\0\0", 0))).isEqualTo(MediaType.MP4);
        assertThat(sniffer.sniff(bytes("\0\0\0\u0014ftypqt  \0\0\0\0", 0))).isEqualTo(MediaType.MOV);
        assertThat(sniffer.sniff(bytes("\0\0\0\u0020ftypM4A \0\0\0\0", 0))).isEqualTo(MediaType.M4A);
        assertThat(sniffer.sniff(bytes("\0\0\0\u0020ftypM4B \0\0\0\0", 0))).isEqualTo(MediaType.M4A);
        assertThat(sniffer.sniff(bytes("\u001a\u0045\u00df\u00a3\u0093\u0042\u0082\u0088matroska", 0))).isEqualTo(MediaType.WEBM);
        assertThat(sniffer.sniff(bytes("\u001a\u0045\u00df\u00a3\u009f\u0042\u0086\u0081\u0001webm", 0))).isEqualTo(MediaType.WEBM);
        assertThat(sniffer.sniff(bytes("ID3\u0004\0\0\0\0\0\0", 0))).isEqualTo(MediaType.MP3);
        assertThat(sniffer.sniff(new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, 0x64})).isEqualTo(MediaType.MP3);
        assertThat(sniffer.sniff(bytes("OggS\0\2\0\0", 0))).isEqualTo(MediaType.OGG);
        assertThat(sniffer.sniff(bytes("%PDF-1.7\n%", 0))).isEqualTo(MediaType.PDF);
        assertThat(sniffer.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).isEqualTo(MediaType.JPEG);
        assertThat(sniffer.sniff(SampleImages.pngHeader(1, 1))).isEqualTo(MediaType.PNG);
    }

    @Test
    void anythingElseIsAPlainFile() {
        assertThat(sniffer.sniff(new byte[0])).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("hello, this is a text file", 0))).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("PK\u0003\u0004", 10))).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("RIFF\0\0\0\0WAVEfmt ", 0))).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("<svg xmlns=", 0))).isEqualTo(MediaType.OTHER);
    }

    @Test
    void truncatedMagicNumbersAreNotMistaken() {
        assertThat(sniffer.sniff(new byte[] {(byte) 0xff, (byte) 0xd8})).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("GIF8", 0))).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("RIFF\0\0\0\0WEB", 0))).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(bytes("\0\0\0\u0020ftypM4", 0))).isEqualTo(MediaType.OTHER);
        assertThat(sniffer.sniff(new byte[] {(byte) 0xff})).isEqualTo(MediaType.OTHER);
    }

    @Test
    void anAacStreamIsNotTakenForMp3() {
        // ADTS: the same sync bits, but layer 00
        assertThat(sniffer.sniff(new byte[] {(byte) 0xff, (byte) 0xf1, 0x50, (byte) 0x80})).isEqualTo(MediaType.OTHER);
    }

    @Test
    void theClaimedTypeDoesNotMatterOnlyTheBytes() {
        byte[] pdfNamedPicture = bytes("%PDF-1.4", 0);
        assertThat(sniffer.sniff(pdfNamedPicture)).isEqualTo(MediaType.PDF);
        assertThat(ContentSniffer.HEAD_BYTES).isGreaterThanOrEqualTo(16);
    }

    private static byte[] head(byte[] file) {
        return Arrays.copyOf(file, Math.min(file.length, ContentSniffer.HEAD_BYTES));
    }

    private static byte[] bytes(String start, int padding) {
        byte[] text = start.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(text, text.length + padding);
    }
}
