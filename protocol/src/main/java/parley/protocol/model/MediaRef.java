package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A stored file as messages show it: its id (for {@code GET /api/media/{mediaId}}), what it is
 * ({@code kind} and {@code contentType}, both found from its bytes), its original name (sanitized
 * metadata only), its size, and where known its dimensions, duration and thumbnail
 * ({@code GET /api/media/{mediaId}/thumbnail}). Immutable once the upload is complete.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaRef(String mediaId, MessageKind kind, String contentType, String name, long size,
                       Integer width, Integer height, Long durationMillis, Thumbnail thumbnail) {
    public MediaRef {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(name, "name");
        if (!kind.isMedia()) {
            throw new IllegalArgumentException("not a media kind: " + kind);
        }
    }

    /** The dimensions of a media's thumbnail, a JPEG of at most 320 px on its long side. */
    public record Thumbnail(int width, int height) {
    }
}
