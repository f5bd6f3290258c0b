package parley.server.media.inspect;

import java.util.Optional;

/**
 * What a probe of a video or an audio file found: the picture's dimensions (as displayed, rotation
 * applied; none for audio) and the duration in milliseconds (none when the container does not say).
 */
public record MediaInfo(Optional<Dimensions> dimensions, Optional<Long> durationMillis) {
}
