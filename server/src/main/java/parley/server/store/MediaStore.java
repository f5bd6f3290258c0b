package parley.server.store;

import java.util.List;
import java.util.Optional;
import parley.protocol.model.MediaRef;

/**
 * Uploads in progress and finished media, by id. The bytes themselves are in the blob store; this
 * keeps who owns what, how far each upload has come, and the description messages show.
 *
 * <ul>
 *   <li><b>Offsets only move forward, one chunk at a time.</b> {@link #advanceUpload} moves an
 *   upload's offset only from the offset the chunk was written at, so two chunks racing for the
 *   same offset (two nodes, a retry) cannot both count.</li>
 *   <li><b>Members only.</b> {@link #canRead} is true for the uploader, and for a current member of
 *   a chat the media was sent in, from the point the member joined; anyone else gets false, for an
 *   id that exists as for one that does not.</li>
 *   <li><b>Bounded.</b> {@link #createUpload} refuses past a number of unfinished uploads per user,
 *   and past a number of bytes declared per user over a window of time.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface MediaStore {

    /** An unfinished upload. {@code received} is the offset the next chunk starts at. */
    record Upload(String id, long ownerId, long size, String name, Optional<String> claimedType, long received,
                  long createdAt, long updatedAt) {
        public boolean complete() {
            return received == size;
        }
    }

    /** A finished file: its description, its owner, and where its bytes and thumbnail are. */
    record StoredMedia(MediaRef ref, long ownerId, String blobKey, Optional<String> thumbKey, long createdAt) {
        public String id() {
            return ref.mediaId();
        }
    }

    /**
     * What is checked when an upload is created: its owner's unfinished uploads, and the bytes its
     * owner declared in uploads started over the last {@code windowMillis} (counted in buckets of
     * {@code bucketMillis}: a bucket stops counting {@code windowMillis} after it starts).
     */
    record UploadLimits(int maxUnfinished, long maxBytesPerWindow, long windowMillis, long bucketMillis) {
    }

    /** The answer to {@link #createUpload(Upload, UploadLimits)}. */
    sealed interface Admission {
        /** Stored, and its bytes counted. */
        record Created() implements Admission {
        }

        /** Refused: the owner has the most unfinished uploads allowed. */
        record TooManyUnfinished() implements Admission {
        }

        /** Refused: over the bytes of the window; enough of them stop counting at {@code retryAt} (epoch ms). */
        record OverBytes(long usedBytes, long retryAt) implements Admission {
        }
    }

    /**
     * Stores a new upload and counts its declared size against its owner's window, unless that
     * passes one of {@code limits}; nothing is stored then. Atomic: concurrent creations by one user
     * cannot together pass a limit.
     */
    Admission createUpload(Upload upload, UploadLimits limits);

    /** Stores a new upload unless its owner has {@code maxUnfinished} unfinished ones; false then. */
    default boolean createUpload(Upload upload, int maxUnfinished) {
        return createUpload(upload, new UploadLimits(maxUnfinished, Long.MAX_VALUE, 1, 1)) instanceof Admission.Created;
    }

    /** Forgets the bytes counted in buckets that started before {@code before}. */
    void forgetUploadBytes(long before);

    Optional<Upload> upload(String uploadId);

    /** Moves an upload's offset from {@code expected} to {@code next}; false when it was not at {@code expected}. */
    boolean advanceUpload(String uploadId, long expected, long next, long now);

    /** Forgets an upload (cancelled, or abandoned). Absent is fine. */
    void deleteUpload(String uploadId);

    /** Uploads not written to since {@code updatedBefore}, oldest first, at most {@code limit}. */
    List<Upload> abandonedUploads(long updatedBefore, int limit);

    /**
     * Stores a finished media and forgets the upload it came from, in one transaction; false (and
     * nothing changed) when a media of that id is stored already.
     */
    boolean completeUpload(String uploadId, StoredMedia media);

    Optional<StoredMedia> media(String mediaId);

    /** Whether the user may fetch the media (see the class comment). */
    boolean canRead(long userId, String mediaId);

    /** Media created before {@code createdBefore} that no message refers to, at most {@code limit}. */
    List<StoredMedia> unreferencedMedia(long createdBefore, int limit);

    /**
     * Deletes a media row unless a message refers to it by now; returns the blob keys (its file and
     * thumbnail) that no other media row uses any more, for the caller to delete from the blob store.
     */
    List<String> deleteMedia(String mediaId);
}
