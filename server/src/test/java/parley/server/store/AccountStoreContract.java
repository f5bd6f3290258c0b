package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The promises of {@link AccountStore}, for every implementation. */
public abstract class AccountStoreContract extends StoreContract {

    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";

    @Test
    void aCreatedUserIsFoundByIdAndByName() {
        User alice = accounts().createUser("Alice", HASH, T0).orElseThrow();

        assertThat(alice.username()).isEqualTo("Alice");
        assertThat(alice.passwordHash()).isEqualTo(HASH);
        assertThat(alice.createdAt()).isEqualTo(T0);
        assertThat(accounts().findUser(alice.id())).contains(alice);
        assertThat(accounts().findUser("Alice")).contains(alice);
    }

    @Test
    void eachUserGetsTheirOwnId() {
        User alice = accounts().createUser("alice", HASH, T0).orElseThrow();
        User bob = accounts().createUser("bob", HASH, T0).orElseThrow();

        assertThat(alice.id()).isNotEqualTo(bob.id());
        assertThat(accounts().findUser(bob.id())).contains(bob);
    }

    @Test
    void aNameIsTakenWhateverItsCase() {
        User alice = accounts().createUser("Alice", HASH, T0).orElseThrow();

        assertThat(accounts().createUser("alice", HASH, T0 + 1)).isEmpty();
        assertThat(accounts().createUser("ALICE", HASH, T0 + 2)).isEmpty();
        assertThat(accounts().findUser("aLiCe")).as("found in any case, kept as registered").contains(alice);
    }

    @Test
    void anUnknownUserIsNotFound() {
        accounts().createUser("alice", HASH, T0).orElseThrow();

        assertThat(accounts().findUser("nobody")).isEmpty();
        assertThat(accounts().findUser(987_654L)).isEmpty();
    }

    @Test
    void ofConcurrentRegistrationsOfOneNameExactlyOneWins() throws Exception {
        List<Optional<User>> outcomes = concurrently(8, () -> accounts().createUser("Zed", HASH, T0));

        assertThat(outcomes).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(accounts().findUser("zed")).isEqualTo(outcomes.stream().flatMap(Optional::stream).findFirst());
    }

    @Test
    void aDeviceIsFoundByTheHashOfItsToken() {
        long alice = user("alice");
        Device phone = accounts().createDevice(alice, "phone", sha256("token-1"), T0 + 5);

        assertThat(phone.userId()).isEqualTo(alice);
        assertThat(phone.name()).isEqualTo("phone");
        assertThat(phone.createdAt()).isEqualTo(T0 + 5);
        assertThat(accounts().findDeviceByTokenHash(sha256("token-1"))).contains(phone);
        assertThat(accounts().findDeviceByTokenHash(sha256("token-2"))).isEmpty();
    }

    @Test
    void aUsersDevicesAreListedOldestFirst() {
        long alice = user("alice");
        long bob = user("bob");
        Device phone = accounts().createDevice(alice, "phone", sha256("a1"), T0 + 1);
        Device laptop = accounts().createDevice(alice, "laptop", sha256("a2"), T0 + 2);
        Device bobs = accounts().createDevice(bob, "phone", sha256("b1"), T0 + 3);

        assertThat(accounts().devices(alice)).containsExactly(phone, laptop);
        assertThat(accounts().devices(bob)).containsExactly(bobs);
        assertThat(accounts().devices(987_654L)).isEmpty();
    }

    @Test
    void aRevokedDeviceIsFoundNowhere() {
        long alice = user("alice");
        Device phone = accounts().createDevice(alice, "phone", sha256("a1"), T0 + 1);
        Device laptop = accounts().createDevice(alice, "laptop", sha256("a2"), T0 + 2);

        assertThat(accounts().revokeDevice(alice, phone.id(), T0 + 3)).isTrue();

        assertThat(accounts().findDeviceByTokenHash(sha256("a1"))).isEmpty();
        assertThat(accounts().devices(alice)).containsExactly(laptop);
        assertThat(accounts().revokeDevice(alice, phone.id(), T0 + 4)).as("already revoked").isFalse();
    }

    @Test
    void aUserCannotRevokeSomeoneElsesDevice() {
        long alice = user("alice");
        long bob = user("bob");
        Device phone = accounts().createDevice(alice, "phone", sha256("a1"), T0 + 1);

        assertThat(accounts().revokeDevice(bob, phone.id(), T0 + 2)).isFalse();
        assertThat(accounts().revokeDevice(alice, 987_654L, T0 + 2)).isFalse();

        assertThat(accounts().findDeviceByTokenHash(sha256("a1"))).contains(phone);
    }

    @Test
    void touchingADeviceRecordsItsLastUse() {
        long alice = user("alice");
        Device phone = accounts().createDevice(alice, "phone", sha256("a1"), T0 + 1);

        accounts().touchDevice(phone.id(), T0 + 50);

        Device touched = accounts().findDeviceByTokenHash(sha256("a1")).orElseThrow();
        assertThat(touched.lastUsedAt()).isEqualTo(T0 + 50);
        assertThat(touched.createdAt()).isEqualTo(T0 + 1);
        assertThat(accounts().devices(alice)).containsExactly(touched);
    }

    @Test
    void accountsAndDevicesSurviveARestart() {
        User alice = accounts().createUser("Alice", HASH, T0).orElseThrow();
        Device phone = accounts().createDevice(alice.id(), "phone", sha256("a1"), T0 + 1);
        Device laptop = accounts().createDevice(alice.id(), "laptop", sha256("a2"), T0 + 2);
        accounts().revokeDevice(alice.id(), laptop.id(), T0 + 3);
        accounts().touchDevice(phone.id(), T0 + 4);

        reopen();

        assertThat(accounts().findUser("alice")).contains(alice);
        assertThat(accounts().createUser("ALICE", HASH, T0 + 5)).isEmpty();
        assertThat(accounts().devices(alice.id()))
                .containsExactly(new Device(phone.id(), alice.id(), "phone", T0 + 1, T0 + 4));
        assertThat(accounts().findDeviceByTokenHash(sha256("a2"))).isEmpty();
    }

    @Test
    void accountsCreatedInBulkAreFoundWithTheirDevices() {
        List<NewAccount> batch = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> new NewAccount("load_" + i, "!provisioned", "bench", sha256("bulk-" + i)))
                .toList();

        BulkCreation outcome = accounts().createAccounts(batch, T0);

        assertThat(outcome.taken()).isEmpty();
        assertThat(outcome.created()).hasSize(300);
        assertThat(outcome.created()).extracting(c -> c.user().username())
                .containsExactlyElementsOf(batch.stream().map(NewAccount::username).toList());
        BulkCreation.Created last = outcome.created().getLast();
        assertThat(accounts().findUser("LOAD_299")).contains(last.user());
        assertThat(accounts().findDeviceByTokenHash(sha256("bulk-299"))).contains(last.device());
        assertThat(last.device().userId()).isEqualTo(last.user().id());
        assertThat(accounts().devices(last.user().id())).containsExactly(last.device());
        assertThat(outcome.created()).extracting(c -> c.user().id()).doesNotHaveDuplicates();
    }

    @Test
    void aBulkBatchWithATakenNameCreatesNothing() {
        accounts().createUser("Taken", HASH, T0).orElseThrow();
        List<NewAccount> batch = List.of(
                new NewAccount("fresh1", "!provisioned", "bench", sha256("f1")),
                new NewAccount("taken", "!provisioned", "bench", sha256("f2")),
                new NewAccount("fresh3", "!provisioned", "bench", sha256("f3")));

        BulkCreation outcome = accounts().createAccounts(batch, T0 + 1);

        assertThat(outcome.created()).isEmpty();
        assertThat(outcome.taken()).containsExactly("taken");
        assertThat(accounts().findUser("fresh1")).as("rolled back").isEmpty();
        assertThat(accounts().findDeviceByTokenHash(sha256("f1"))).isEmpty();
        assertThat(accounts().createAccounts(List.of(batch.getFirst()), T0 + 2).created())
                .as("the name is free again").hasSize(1);
    }

    @Test
    void anEmptyBulkBatchCreatesNothing() {
        assertThat(accounts().createAccounts(List.of(), T0)).isEqualTo(new BulkCreation(List.of(), List.of()));
    }
}
