package parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The promises of {@link QuotaStore}, and the counting of stored texts by the message store, for every database. */
public abstract class QuotaStoreContract extends StoreContract {

    private QuotaStore quotas() {
        return storage.quotas();
    }

    @Test
    void storedTextsAreCountedAgainstTheirSenderOnceEvenWhenRetriedAndSurviveAReopen() {
        long alice = user("alice");
        long bob = user("bob");
        long chat = chats().openDirect(alice, bob, T0);
        UUID retried = UUID.randomUUID();
        messages().append(List.of(text(chat, alice, "héllo"), text(chat, alice, retried, "12345"),
                text(chat, bob, "hi")), T0);
        messages().append(List.of(text(chat, alice, retried, "12345")), T0 + 1);
        reopen();
        assertThat(quotas().use(alice)).hasValue(new QuotaStore.Use(6 + 5, Optional.empty()));
        assertThat(quotas().use(bob)).hasValue(new QuotaStore.Use(2, Optional.empty()));
    }

    @Test
    void aNonMembersRefusedSendCountsNothing() {
        long alice = user("alice");
        long bob = user("bob");
        long mallory = user("mallory");
        long chat = chats().openDirect(alice, bob, T0);
        messages().append(List.of(text(chat, mallory, "let me in")), T0);
        assertThat(quotas().use(mallory).orElseThrow().storedBytes()).isZero();
    }

    @Test
    void filesAreAddedAndGivenBackButNeverBelowZero() {
        long alice = user("alice");
        quotas().add(alice, 1_000_000);
        quotas().add(alice, -400_000);
        assertThat(quotas().use(alice).orElseThrow().storedBytes()).isEqualTo(600_000);
        quotas().add(alice, -5_000_000);
        assertThat(quotas().use(alice).orElseThrow().storedBytes()).isZero();
    }

    @Test
    void anOperatorsQuotaIsKeptUntilReset() {
        long alice = user("alice");
        assertThat(quotas().setQuota(alice, Optional.of(123L))).isTrue();
        reopen();
        assertThat(quotas().use(alice).orElseThrow().quotaBytes()).hasValue(123L);
        assertThat(quotas().setQuota(alice, Optional.empty())).isTrue();
        assertThat(quotas().use(alice).orElseThrow().quotaBytes()).isEmpty();
        assertThat(quotas().setQuota(999_999, Optional.of(1L))).isFalse();
        assertThat(quotas().use(999_999)).isEmpty();
    }
}
