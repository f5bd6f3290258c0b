package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import parley.protocol.model.PresenceVisibility;
import parley.server.store.PresenceStore.Contact;

/** The promises of {@link PresenceStore}, for every implementation. */
public abstract class PresenceStoreContract extends StoreContract {

    private PresenceStore presence() {
        return storage.presence();
    }

    @Test
    void aUserWithoutSettingsIsSeenByEveryoneAndNeverSeen() {
        long alice = user("alice");

        assertThat(presence().record(alice))
                .isEqualTo(new PresenceStore.PresenceRecord(PresenceVisibility.EVERYONE, OptionalLong.empty()));
    }

    @Test
    void visibilityAndLastSeenAreKeptIndependentlyAndDurably() {
        long alice = user("alice");

        presence().setVisibility(alice, PresenceVisibility.NOBODY);
        presence().recordLastSeen(alice, T0 + 5);
        presence().setVisibility(alice, PresenceVisibility.CONTACTS);
        reopen();

        assertThat(presence().record(alice))
                .isEqualTo(new PresenceStore.PresenceRecord(PresenceVisibility.CONTACTS, OptionalLong.of(T0 + 5)));
    }

    @Test
    void manyUsersAreReadAtOnceEachWithTheirOwnSettingsOrTheDefault() {
        long alice = user("alice");
        long bob = user("bob");
        long carol = user("carol");
        presence().setVisibility(alice, PresenceVisibility.NOBODY);
        presence().recordLastSeen(bob, T0 + 7);
        presence().setVisibility(carol, PresenceVisibility.CONTACTS);
        presence().recordLastSeen(carol, T0 + 9);
        // more ids than one batch holds, the stored users spread over the batches, one asked twice
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 1_200).map(n -> 1_000_000 + n).boxed().toList());
        ids.add(0, alice);
        ids.add(600, bob);
        ids.add(carol);
        ids.add(bob);

        Map<Long, PresenceStore.PresenceRecord> records = presence().records(ids);

        assertThat(records).hasSize(1_203);
        assertThat(records.get(alice)).isEqualTo(new PresenceStore.PresenceRecord(PresenceVisibility.NOBODY, OptionalLong.empty()));
        assertThat(records.get(bob)).isEqualTo(new PresenceStore.PresenceRecord(PresenceVisibility.EVERYONE, OptionalLong.of(T0 + 7)));
        assertThat(records.get(carol)).isEqualTo(new PresenceStore.PresenceRecord(PresenceVisibility.CONTACTS, OptionalLong.of(T0 + 9)));
        assertThat(records.get(1_000_001L)).isEqualTo(presence().record(1_000_001L));
        assertThat(records.get(1_001_200L)).isEqualTo(new PresenceStore.PresenceRecord(PresenceVisibility.EVERYONE, OptionalLong.empty()));
        assertThat(records).containsKeys(ids.toArray(Long[]::new));
        assertThat(presence().records(List.of())).isEmpty();
    }

    @Test
    void lastSeenOnlyMovesForward() {
        long alice = user("alice");

        presence().recordLastSeen(alice, T0 + 10);
        presence().recordLastSeen(alice, T0 + 3);

        assertThat(presence().record(alice).lastSeen()).hasValue(T0 + 10);
        presence().recordLastSeen(alice, T0 + 11);
        assertThat(presence().record(alice).lastSeen()).hasValue(T0 + 11);
    }

    @Test
    void contactsAreTheOthersSharingAChatEachOnce() {
        long alice = user("alice");
        long bob = user("bob");
        long carol = user("carol");
        user("stranger");
        chats().openDirect(alice, bob, T0);
        chats().openDirect(carol, alice, T0);
        chats().openDirect(alice, alice, T0);

        assertThat(presence().contacts(alice)).containsExactlyInAnyOrder(new Contact(bob, true), new Contact(carol, true));
        assertThat(presence().contacts(bob)).containsExactly(new Contact(alice, true));
    }

    @Test
    void aUserWithoutChatsHasNoContacts() {
        long alice = user("alice");

        assertThat(presence().contacts(alice)).isEmpty();
    }
}
