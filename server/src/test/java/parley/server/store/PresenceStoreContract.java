package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
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
