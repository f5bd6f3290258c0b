package parley.server.media;

import java.util.Optional;
import parley.server.store.MediaStore;
import parley.server.store.MediaStore.StoredMedia;

/**
 * Who may fetch or send a media: its uploader, and the current members of a chat it was sent in
 * (from the point they joined). Anyone else is told nothing: {@link #readable} is empty, exactly as
 * for an id that does not exist. Blocking (one store read).
 */
public final class MediaAccess {
    private final MediaStore store;

    public MediaAccess(MediaStore store) {
        this.store = store;
    }

    /** The media, when the user may fetch it. */
    public Optional<StoredMedia> readable(long userId, String mediaId) {
        if (!MediaIds.isMediaId(mediaId) || !store.canRead(userId, mediaId)) {
            return Optional.empty();
        }
        return store.media(mediaId);
    }
}
