package parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.model.MessageKind;
import parley.server.media.inspect.MediaType;

class MediaKindsTest {

    @Test
    void theBytesDecideAndTheClaimOnlyChoosesWithinAContainer() {
        assertThat(MediaKinds.read(MediaType.PNG, Optional.of("image/jpeg")))
                .isEqualTo(new MediaKinds.Reading(MessageKind.IMAGE, "image/png"));
        assertThat(MediaKinds.read(MediaType.WEBM, Optional.of("audio/webm")))
                .isEqualTo(new MediaKinds.Reading(MessageKind.VOICE, "audio/webm"));
        assertThat(MediaKinds.read(MediaType.WEBM, Optional.empty()))
                .isEqualTo(new MediaKinds.Reading(MessageKind.VIDEO, "video/webm"));
        assertThat(MediaKinds.read(MediaType.OGG, Optional.of("audio/ogg")).kind()).isEqualTo(MessageKind.VOICE);
        assertThat(MediaKinds.read(MediaType.OTHER, Optional.of("application/octet-stream")))
                .isEqualTo(new MediaKinds.Reading(MessageKind.FILE, "application/octet-stream"));
        assertThat(MediaKinds.read(MediaType.OTHER, Optional.of("text/plain")).kind()).isEqualTo(MessageKind.FILE);
    }

    @Test
    void aClaimTheBytesContradictIsRefused() {
        for (var c : new Object[][] {{MediaType.PDF, "image/png"}, {MediaType.PNG, "video/mp4"},
                {MediaType.OTHER, "application/pdf"}, {MediaType.JPEG, "application/zip"}, {MediaType.MP4, "image/gif"}}) {
            assertThatThrownBy(() -> MediaKinds.read((MediaType) c[0], Optional.of((String) c[1])))
                    .as(c[0] + " claimed " + c[1]).isInstanceOf(ProtocolException.class)
                    .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.MEDIA_TYPE_MISMATCH);
        }
    }
}
