package parley.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MediaIdsTest {
    private final MediaIds ids = new MediaIds(new SecureRandom());

    @Test
    void theMediaOfAnUploadHasTheSameValidIdEveryTimeAndEachUploadItsOwn() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String upload = ids.newUploadId();
            String media = MediaIds.mediaIdOf(upload);

            assertThat(MediaIds.isMediaId(media)).as(media).isTrue();
            assertThat(MediaIds.mediaIdOf(upload)).isEqualTo(media);
            assertThat(media.substring(1)).isNotEqualTo(upload.substring(1));
            assertThat(seen.add(media)).isTrue();
        }
    }
}
