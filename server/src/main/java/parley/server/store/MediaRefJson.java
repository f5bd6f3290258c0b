package parley.server.store;

import parley.protocol.JsonCodec;
import parley.protocol.model.MediaRef;

/**
 * How a message's {@link MediaRef} is kept in the {@code messages.media} and {@code media.ref}
 * columns: the JSON the protocol shows. Stateless (the codec is immutable once built).
 */
public final class MediaRefJson {
    private static final JsonCodec CODEC = new JsonCodec();

    private MediaRefJson() {
    }

    /** The column value: JSON, or null for a message without media. */
    public static String encode(MediaRef media) {
        return media == null ? null : new String(CODEC.write(media), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The media of a column value; null for null. */
    public static MediaRef decode(String json) {
        return json == null ? null : CODEC.read(json, MediaRef.class);
    }
}
