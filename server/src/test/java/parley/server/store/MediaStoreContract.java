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
    void completingTheSameMediaTwiceKeepsTheFirst() {
        long alice = user("alice");
        media().createUpload(upload("u1", alice, 1234, T0), 10);
        assertThat(media().completeUpload("u1", stored("m1", alice, BLOB, T0 + 5))).isTrue();
        media().createUpload(upload("u2", alice, 1234, T0), 10);

        assertThat(media().completeUpload("u2", stored("m1", alice, "c".repeat(64), T0 + 6))).isFalse();
        assertThat(media().media("m1")).hasValue(stored("m1", alice, BLOB, T0 + 5));
        assertThat(media().upload("u2")).as("left as it was").isPresent();
    }

    private static final long HOUR = 3_600_000L;
    private static final MediaStore.UploadLimits THOUSAND_A_DAY = new MediaStore.UploadLimits(10, 1000, 24 * HOUR, HOUR);

    @Test
    void bytesDeclaredOverADayAreBoundedAndSayWhenTheyFree() {
        long alice = user("alice");
        long bob = user("bob");
        long hour = T0 - T0 % HOUR;
        assertThat(media().createUpload(upload("u1", alice, 600, hour + 10), THOUSAND_A_DAY))
                .isEqualTo(new MediaStore.Admission.Created());
        assertThat(media().createUpload(upload("u2", alice, 300, hour + 2 * HOUR), THOUSAND_A_DAY))
                .isEqualTo(new MediaStore.Admission.Created());

        assertThat(media().createUpload(upload("u3", alice, 200, hour + 3 * HOUR), THOUSAND_A_DAY))
                .as("900 + 200 passes 1000; the 600 of the first hour stop counting a day after it began")
                .isEqualTo(new MediaStore.Admission.OverBytes(900, hour + 24 * HOUR));
        assertThat(media().upload("u3")).as("a refused upload is not stored").isEmpty();
        assertThat(media().createUpload(upload("b1", bob, 1000, hour + 3 * HOUR), THOUSAND_A_DAY))
                .as("another user's bytes are his own").isEqualTo(new MediaStore.Admission.Created());
        reopen();
        assertThat(media().createUpload(upload("u4", alice, 100, hour + 3 * HOUR), THOUSAND_A_DAY))
                .as("the refused 200 were not counted").isEqualTo(new MediaStore.Admission.Created());
        assertThat(media().createUpload(upload("u5", alice, 1, hour + 4 * HOUR), THOUSAND_A_DAY))
                .isInstanceOf(MediaStore.Admission.OverBytes.class);
        assertThat(media().createUpload(upload("u6", alice, 500, hour + 24 * HOUR), THOUSAND_A_DAY))
                .as("a day after the first hour began").isEqualTo(new MediaStore.Admission.Created());
    }

    @Test
    void whenOneOldHourIsNotEnoughTheRetryWaitsForMore() {
        long alice = user("alice");
        long hour = T0 - T0 % HOUR;
        media().createUpload(upload("u1", alice, 300, hour), THOUSAND_A_DAY);
        media().createUpload(upload("u2", alice, 300, hour + HOUR), THOUSAND_A_DAY);
        media().createUpload(upload("u3", alice, 300, hour + 5 * HOUR), THOUSAND_A_DAY);

        assertThat(media().createUpload(upload("u4", alice, 650, hour + 6 * HOUR), THOUSAND_A_DAY))
                .isEqualTo(new MediaStore.Admission.OverBytes(900, hour + 25 * HOUR));
    }

    @Test
    void unfinishedUploadsAreStillBoundedAndARefusalCountsNoBytes() {
        long alice = user("alice");
        MediaStore.UploadLimits twoAtOnce = new MediaStore.UploadLimits(2, 1000, 24 * HOUR, HOUR);
        media().createUpload(upload("u1", alice, 100, T0), twoAtOnce);
        media().createUpload(upload("u2", alice, 100, T0), twoAtOnce);
        assertThat(media().createUpload(upload("u3", alice, 700, T0), twoAtOnce))
                .isEqualTo(new MediaStore.Admission.TooManyUnfinished());
        media().deleteUpload("u1");

        assertThat(media().createUpload(upload("u4", alice, 800, T0), twoAtOnce))
                .as("200 counted before, and not the refused 700").isEqualTo(new MediaStore.Admission.Created());
    }

    @Test
    void countsOlderThanADayAreForgotten() {
        long alice = user("alice");
        long hour = T0 - T0 % HOUR;
        media().createUpload(upload("u1", alice, 900, hour), THOUSAND_A_DAY);
        media().deleteUpload("u1");
        media().forgetUploadBytes(hour + 1);
        // a window longer than a day would still count them, had they been kept
        MediaStore.UploadLimits week = new MediaStore.UploadLimits(10, 1000, 7 * 24 * HOUR, HOUR);

        assertThat(media().createUpload(upload("u2", alice, 1000, hour + 30 * HOUR), week))
                .isEqualTo(new MediaStore.Admission.Created());
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
