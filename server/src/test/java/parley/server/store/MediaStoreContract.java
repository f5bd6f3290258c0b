package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessageKind;
import parley.server.store.MediaStore.StoredMedia;
import parley.server.store.MediaStore.Upload;

/** The promises of {@link MediaStore}, and of media messages in the {@link MessageStore}, for every database. */
public abstract class MediaStoreContract extends StoreContract {
    private static final String BLOB = "a".repeat(64);
    private static final String THUMB = "b".repeat(64);

    private MediaStore media() {
        return storage.media();
    }

    private static Upload upload(String id, long owner, long size, long at) {
        return new Upload(id, owner, size, "photo.jpg", Optional.of("image/jpeg"), 0, at, at);
    }

    private static StoredMedia stored(String id, long owner, String blob, long at) {
        return new StoredMedia(new MediaRef(id, MessageKind.IMAGE, "image/jpeg", "photo.jpg", 1234, 640, 480, null,
                new MediaRef.Thumbnail(320, 240)), owner, blob, Optional.of(THUMB), at);
    }

    @Test
    void uploadsAreKeptDurablyAndBoundedPerUser() {
        long alice = user("alice");
        assertThat(media().createUpload(upload("u1", alice, 100, T0), 2)).isTrue();
        assertThat(media().createUpload(upload("u2", alice, 100, T0), 2)).isTrue();
        assertThat(media().createUpload(upload("u3", alice, 100, T0), 2)).isFalse();
        reopen();
        assertThat(media().upload("u1")).hasValue(upload("u1", alice, 100, T0));
        assertThat(media().upload("u3")).isEmpty();
        media().deleteUpload("u1");
        assertThat(media().createUpload(upload("u3", alice, 100, T0), 2)).isTrue();
    }

    @Test
    void anOffsetMovesOnlyFromWhereItStandsAndNeverPastTheSize() {
        long alice = user("alice");
        media().createUpload(upload("u1", alice, 100, T0), 10);
        assertThat(media().advanceUpload("u1", 0, 60, T0 + 1)).isTrue();
        assertThat(media().advanceUpload("u1", 0, 60, T0 + 2)).as("a second chunk at the same offset").isFalse();
        assertThat(media().advanceUpload("u1", 60, 101, T0 + 3)).as("past the size").isFalse();
        assertThat(media().advanceUpload("u1", 60, 100, T0 + 4)).isTrue();
        Upload done = media().upload("u1").orElseThrow();
        assertThat(done.received()).isEqualTo(100);
        assertThat(done.complete()).isTrue();
        assertThat(done.updatedAt()).isEqualTo(T0 + 4);
    }

    @Test
    void completingAnUploadTurnsItIntoMedia() {
        long alice = user("alice");
        media().createUpload(upload("u1", alice, 1234, T0), 10);
        media().completeUpload("u1", stored("m1", alice, BLOB, T0 + 5));
        assertThat(media().upload("u1")).isEmpty();
        reopen();
        assertThat(media().media("m1")).hasValue(stored("m1", alice, BLOB, T0 + 5));
    }

    @Test
    void theUploaderAndTheChatsMembersMayReadNobodyElse() {
        long alice = user("alice");
        long bob = user("bob");
        long stranger = user("stranger");
        long chat = chats().openDirect(alice, bob, T0);
        media().completeUpload("none", stored("m1", alice, BLOB, T0));
        assertThat(media().canRead(alice, "m1")).isTrue();
        assertThat(media().canRead(bob, "m1")).isFalse();

        MediaRef ref = media().media("m1").orElseThrow().ref();
        AppendResult.Stored sent = stored(messages().append(List.of(new Append(chat, alice, UUID.randomUUID(),
                MessageKind.IMAGE, "caption", ref)), T0 + 1).getFirst());
        assertThat(media().canRead(bob, "m1")).isTrue();
        assertThat(media().canRead(stranger, "m1")).isFalse();
        assertThat(media().canRead(stranger, "nothing")).isFalse();

        ChatMessage read = messages().history(chat, new HistoryQuery(null, null, 10, Long.MAX_VALUE)).messages().getFirst();
        assertThat(read).isEqualTo(sent.message());
        assertThat(read.media()).isEqualTo(ref);
        assertThat(read.kind()).isEqualTo(MessageKind.IMAGE);
    }

    @Test
    void unsentMediaIsCleanedUpAndSharedBlobsAreKept() {
        long alice = user("alice");
        long bob = user("bob");
        long chat = chats().openDirect(alice, bob, T0);
        media().completeUpload("x", stored("m-old", alice, BLOB, T0));
        media().completeUpload("x", stored("m-same", alice, BLOB, T0 + 1));
        media().completeUpload("x", stored("m-sent", alice, "c".repeat(64), T0));
        messages().append(List.of(new Append(chat, alice, UUID.randomUUID(), MessageKind.IMAGE, "",
                media().media("m-sent").orElseThrow().ref())), T0 + 2);

        assertThat(media().unreferencedMedia(T0 + 1, 10)).extracting(StoredMedia::id).containsExactly("m-old");
        assertThat(media().deleteMedia("m-old")).as("the blob and thumbnail are still used by m-same").isEmpty();
        assertThat(media().deleteMedia("m-sent")).as("a sent media is never deleted").isEmpty();
        assertThat(media().media("m-sent")).isPresent();
        assertThat(media().deleteMedia("m-same")).as("the thumbnail's bytes are m-sent's thumbnail too")
                .containsExactly(BLOB);
        assertThat(media().media("m-same")).isEmpty();
    }

    @Test
    void abandonedUploadsAreFoundOldestFirst() {
        long alice = user("alice");
        media().createUpload(upload("u-new", alice, 10, T0 + 100), 10);
        media().createUpload(upload("u-old", alice, 10, T0), 10);
        media().createUpload(upload("u-mid", alice, 10, T0 + 50), 10);
        assertThat(media().abandonedUploads(T0 + 60, 10)).extracting(Upload::id).containsExactly("u-old", "u-mid");
        assertThat(media().abandonedUploads(T0 + 60, 1)).extracting(Upload::id).containsExactly("u-old");
    }
}
